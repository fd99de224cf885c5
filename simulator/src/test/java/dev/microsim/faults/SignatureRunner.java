package dev.microsim.faults;

import dev.microsim.model.scenario.FaultSpec;

/** Runs the signature mesh under load with one fault in the middle, on some engine, and returns its telemetry. */
interface SignatureRunner extends AutoCloseable {
    SignatureMesh.Run run(FaultSpec fault) throws Exception;

    @Override
    void close();
}
