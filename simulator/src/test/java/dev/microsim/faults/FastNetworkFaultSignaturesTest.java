package dev.microsim.faults;

/** The assertions of {@link NetworkFaultSignaturesTest}, unchanged, on the discrete-event engine (fast mode). */
class FastNetworkFaultSignaturesTest extends NetworkFaultSignaturesTest {
    @Override
    SignatureRunner engine() {
        return new FastSignatureMesh();
    }
}
