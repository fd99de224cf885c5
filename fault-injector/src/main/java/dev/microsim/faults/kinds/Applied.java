package dev.microsim.faults.kinds;

import java.time.Instant;

/**
 * A fault in force. {@link #recover()} is idempotent and returns when the runtime acknowledged the
 * recovery; {@link #tick} lets time-driven faults (crash restart delay, crash loop) act on the
 * scheduler's clock instead of their own threads.
 */
public interface Applied {
    /** When the runtime acknowledged the injection. */
    Instant appliedAt();

    /** Called by the scheduler while the fault is in force; most faults do nothing. */
    default void tick(Instant now) {}

    /** Undoes everything; returns the runtime's acknowledgement time. Idempotent. */
    Instant recover();
}
