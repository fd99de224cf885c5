package dev.microsim.faults;

/** The assertions of {@link ResourceFaultSignaturesTest}, unchanged, on the discrete-event engine (fast mode). */
class FastResourceFaultSignaturesTest extends ResourceFaultSignaturesTest {
    @Override
    SignatureRunner engine() {
        return new FastSignatureMesh();
    }
}
