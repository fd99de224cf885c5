package dev.microsim.detector.metrics;

/** Where the alarm threshold of the binary metrics came from; reported so an oracle choice is never hidden. */
public enum ThresholdSource {
    /** Given by the user. */
    GIVEN,
    /** Predictions are 0/1: alarm means 1. */
    BINARY,
    /** Chosen per series to maximise point-wise F1, i.e. with knowledge of the labels (optimistic). */
    BEST_F1
}
