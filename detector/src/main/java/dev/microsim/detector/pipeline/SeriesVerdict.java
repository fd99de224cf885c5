package dev.microsim.detector.pipeline;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The pipeline's result for one series: its class, the detector used with its parameters (so a user
 * sees why it alarmed), the score of every point ({@code >= 1} is an alarm) and the alarm runs.
 */
public record SeriesVerdict(String series, String service, String seriesClass, String detector, String description,
                            Map<String, Double> parameters, String why, long[] epochMillis, double[] scores,
                            List<SeriesAlarm> alarms) {

    public SeriesVerdict {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(service, "service");
        parameters = Map.copyOf(parameters);
        alarms = List.copyOf(alarms);
        if (epochMillis.length != scores.length) {
            throw new IllegalArgumentException(series + ": " + epochMillis.length + " instants for " + scores.length + " scores");
        }
    }
}
