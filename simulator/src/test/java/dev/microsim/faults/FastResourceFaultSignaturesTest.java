package dev.microsim.faults;

/** The assertions of {@link ResourceFaultSignaturesTest}, unchanged, on the discrete-event engine (fast mode). */
class FastResourceFaultSignaturesTest extends ResourceFaultSignaturesTest {
    @Override
    SignatureRunner engine() {
        return new FastSignatureMesh();
    }

    /** The discrete-event hog burns virtual CPU: it gets its cores however busy the host is, so the floor is not scaled. */
    @Override
    CpuShare cpuShare() {
        return CpuShare.WHOLE_CORE;
    }
}
