package dev.microsim.faults;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One signature mesh per test class: starting a live mesh costs more than most windows. The live
 * engine by default; a subclass runs the very same assertions on another engine ({@link #engine}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SignatureTestBase {
    SignatureRunner mesh;

    /** The engine the signatures are measured on. */
    SignatureRunner engine() {
        return new SignatureMesh();
    }

    @BeforeAll
    void start() {
        mesh = engine();
    }

    @AfterAll
    void stop() {
        mesh.close();
    }
}
