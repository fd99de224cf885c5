package dev.microsim.load;

/**
 * Drives a {@link LoadPlan} to completion (or until the calling thread is interrupted), handing
 * client-side statistics to {@code sink} once per interval. Implementations: Gatling (the real one).
 * An implementation calls {@link ClientStatsSink#loadStarted} once, as its first request goes out:
 * a live run waits for it to start its clock (and fails if the load ends without it).
 */
public interface LoadRunner {
    LoadResult run(LoadPlan plan, ClientStatsSink sink) throws InterruptedException;

    /** One line for logs and reports, e.g. "Gatling 3.13.5 (embedded, open model)". */
    String description();
}
