package dev.microsim.detector.pipeline;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The pipeline's result for one series: its class, the detector used with its parameters (so a user
 * sees why it alarmed), the score of every point ({@code >= 1} is an alarm), the alarm runs, and
 * the stretches scored by each class's detector when its character changed mid-run.
 */
public record SeriesVerdict(String series, String service, String seriesClass, String detector, String description,
                            Map<String, Double> parameters, String why, long[] epochMillis, double[] scores,
                            List<SeriesAlarm> alarms, List<ClassSegment> segments) {

    /** A verdict of one detector over the whole series (no change of class). */
    public SeriesVerdict(String series, String service, String seriesClass, String detector, String description,
                         Map<String, Double> parameters, String why, long[] epochMillis, double[] scores, List<SeriesAlarm> alarms) {
        this(series, service, seriesClass, detector, description, parameters, why, epochMillis, scores, alarms,
                List.of(new ClassSegment(0, seriesClass, parameters.getOrDefault("threshold", 1.0))));
    }

    public SeriesVerdict {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(service, "service");
        parameters = Map.copyOf(parameters);
        alarms = List.copyOf(alarms);
        segments = List.copyOf(segments);
        if (segments.isEmpty() || segments.get(0).from() != 0) {
            throw new IllegalArgumentException(series + ": the class segments must start at point 0");
        }
        if (epochMillis.length != scores.length) {
            throw new IllegalArgumentException(series + ": " + epochMillis.length + " instants for " + scores.length + " scores");
        }
    }
}
