package dev.microsim.faults;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** One {@link SignatureMesh} per test class: starting a mesh costs more than most windows. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SignatureTestBase {
    SignatureMesh mesh;

    @BeforeAll
    void start() {
        mesh = new SignatureMesh();
    }

    @AfterAll
    void stop() {
        mesh.close();
    }
}
