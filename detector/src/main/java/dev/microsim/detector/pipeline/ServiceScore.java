package dev.microsim.detector.pipeline;

import java.util.List;
import java.util.Objects;

/**
 * A service's anomaly score over time: at each instant where any of its series has a point, the
 * highest score of those series ({@code >= 1} is over some series' alarm line) and the series that
 * gave it; {@code alarms} marks the instants inside an {@link ServiceEpisode} (an alarm stretch long
 * enough to count), which is the service's decision.
 */
public record ServiceScore(String service, long[] epochMillis, double[] scores, String[] topSeries, boolean[] alarms,
                           List<ServiceEpisode> episodes) {

    public ServiceScore {
        Objects.requireNonNull(service, "service");
        episodes = List.copyOf(episodes);
        if (epochMillis.length != scores.length || scores.length != topSeries.length || scores.length != alarms.length) {
            throw new IllegalArgumentException(service + ": instants, scores, top series and alarms differ in length");
        }
    }

    /** Whether the service is in an episode at this instant (false outside the data). */
    public boolean alarmAt(long epochMilli) {
        int i = java.util.Arrays.binarySearch(epochMillis, epochMilli);
        if (i < 0) {
            i = -i - 2;
        }
        return i >= 0 && alarms[i];
    }
}
