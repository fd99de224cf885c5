package dev.microsim.detector.pipeline;

import java.util.List;
import java.util.Objects;

/**
 * One stretch of time in which a service was anomalous: when it began (onset), when its last
 * alarmed instant was, its peak score, the series that alarmed first (the one responsible for the
 * onset) and every series of the service that alarmed during it, earliest first. What a root-cause
 * ranker reads.
 */
public record ServiceEpisode(String service, long onsetMillis, long endMillis, double peakScore, String responsibleSeries,
                             List<String> seriesInvolved) {

    public ServiceEpisode {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(responsibleSeries, "responsibleSeries");
        seriesInvolved = List.copyOf(seriesInvolved);
        if (endMillis < onsetMillis) {
            throw new IllegalArgumentException(service + ": episode ends at " + endMillis + " before its onset " + onsetMillis);
        }
    }
}
