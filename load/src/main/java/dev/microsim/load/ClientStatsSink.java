package dev.microsim.load;

/** Receives client-side statistics per interval as the load runs (the recorder implements it). */
@FunctionalInterface
public interface ClientStatsSink {
    void accept(ClientStats stats);

    ClientStatsSink NONE = stats -> {};
}
