package dev.microsim.detector.pipeline;

import dev.microsim.detector.detect.Explanation;

/**
 * One alarm run of a series: consecutive points scoring {@code >= 1}, from the first to the last
 * alarmed instant, its highest score, and the detector's explanation of the first alarmed point.
 */
public record SeriesAlarm(long startMillis, long endMillis, double peakScore, Explanation onset) {
}
