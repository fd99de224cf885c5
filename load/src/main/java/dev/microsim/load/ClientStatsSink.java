package dev.microsim.load;

/** Receives client-side statistics per interval as the load runs (the recorder implements it). */
@FunctionalInterface
public interface ClientStatsSink {
    void accept(ClientStats stats);

    /**
     * The load's first request is about to go out ({@code at}, on the runner's clock): once per run,
     * before any {@link #accept}. A live run starts its fault clock and its metric intervals here, so
     * the load engine's start-up (seconds for Gatling) is not recorded as intervals of zero traffic.
     */
    default void loadStarted(java.time.Instant at) {}

    ClientStatsSink NONE = stats -> {};
}
