package dev.microsim.detector.rank;

import java.time.Instant;

/** One reason a candidate ranks where it does: a signal, how anomalous (robust z), since when, and what it means. */
public record Evidence(String signal, double score, Instant onset, String why) {
}
