package dev.microsim.faults.mesh;

import java.time.Instant;

/** An installed effect. {@link #remove()} is idempotent and stops the effect at once. */
public interface EffectHandle extends AutoCloseable {
    /** When the runtime started honouring the effect (its clock). */
    Instant appliedAt();

    /** Stops the effect; returns when the runtime acknowledged it (its clock). */
    Instant remove();

    @Override
    default void close() {
        remove();
    }
}
