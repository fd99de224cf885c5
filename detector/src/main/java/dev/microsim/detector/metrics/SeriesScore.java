package dev.microsim.detector.metrics;

import java.time.Duration;
import java.util.Objects;

/** Every detection metric of one series at one threshold, plus the threshold-free ones. */
public record SeriesScore(
        String series,
        int points,
        double threshold,
        ThresholdSource thresholdSource,
        Confusion pointwise,
        PaKCurve paK,
        EventCounts eventCounts,
        DetectionDelays delays,
        Duration monitored,
        ThresholdCurve.BestF1 bestF1,
        double prAuc) {

    public SeriesScore {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(pointwise, "pointwise");
        Objects.requireNonNull(paK, "paK");
        Objects.requireNonNull(eventCounts, "eventCounts");
        Objects.requireNonNull(delays, "delays");
        Objects.requireNonNull(monitored, "monitored");
        Objects.requireNonNull(bestF1, "bestF1");
    }

    /** Point-adjusted confusion: PA%K at K = 0. */
    public Confusion pointAdjusted() {
        return paK.points().get(0).confusion();
    }

    /** False alarm runs per monitored hour; NaN when nothing was monitored. */
    public double falseAlarmsPerHour() {
        return FalseAlarmRate.perHour(eventCounts.falseAlarms(), monitored);
    }
}
