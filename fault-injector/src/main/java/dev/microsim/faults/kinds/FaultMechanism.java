package dev.microsim.faults.kinds;

import java.time.Instant;

/**
 * How a fault is made to act. The default ({@link #IN_PROCESS}) is the fault's own
 * {@link Fault#inject}: effects and replica kills on the mesh runtime. A platform may act natively
 * instead where it can express the fault (Kubernetes: a Chaos Mesh resource) and fall back to the
 * fault's own effects elsewhere. The scheduler asks the mechanism, never the fault directly, so
 * ramps, overlap and recovery on every path stay in one place.
 */
public interface FaultMechanism {
    /** Through the fault's own effects on the mesh runtime (local mode, the pods' control endpoints). */
    FaultMechanism IN_PROCESS = new FaultMechanism() {
        @Override
        public String name(Fault fault, Injection in) {
            return IN_PROCESS_NAME;
        }

        @Override
        public Applied inject(Fault fault, Injection in, Instant plannedEnd) {
            return fault.inject(in);
        }
    };

    /** The label value of {@link #IN_PROCESS}. */
    String IN_PROCESS_NAME = "in-process";

    /**
     * What will carry this fault, recorded in its label: {@value #IN_PROCESS_NAME}, or e.g.
     * {@code chaos-mesh/NetworkChaos delay}. Pure: the same fault and injection give the same name.
     */
    String name(Fault fault, Injection in);

    /**
     * Makes the fault act now (one ramp step at {@code in.strength()}). {@code plannedEnd} is when the
     * schedule will recover it: a native resource may carry it as its own duration, so that it ends even
     * if this process dies.
     */
    Applied inject(Fault fault, Injection in, Instant plannedEnd);
}
