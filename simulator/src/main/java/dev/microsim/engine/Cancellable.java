package dev.microsim.engine;

/** A scheduled or running thing that can be stopped; cancelling twice, or after it happened, does nothing. */
@FunctionalInterface
public interface Cancellable {
    Cancellable NONE = () -> {};

    void cancel();
}
