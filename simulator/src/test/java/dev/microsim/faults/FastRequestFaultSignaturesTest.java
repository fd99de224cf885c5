package dev.microsim.faults;

/** The assertions of {@link RequestFaultSignaturesTest}, unchanged, on the discrete-event engine (fast mode). */
class FastRequestFaultSignaturesTest extends RequestFaultSignaturesTest {
    @Override
    SignatureRunner engine() {
        return new FastSignatureMesh();
    }
}
