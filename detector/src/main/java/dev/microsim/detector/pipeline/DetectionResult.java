package dev.microsim.detector.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything the built-in pipeline found in one dataset: per series and per service. */
public record DetectionResult(List<SeriesVerdict> series, List<ServiceScore> services) {

    public DetectionResult {
        series = List.copyOf(series);
        services = List.copyOf(services);
    }

    public Map<String, ServiceScore> servicesByName() {
        Map<String, ServiceScore> byName = new LinkedHashMap<>();
        services.forEach(s -> byName.put(s.service(), s));
        return byName;
    }

    /** Every service episode, earliest onset first. */
    public List<ServiceEpisode> episodes() {
        return services.stream().flatMap(s -> s.episodes().stream())
                .sorted(java.util.Comparator.comparingLong(ServiceEpisode::onsetMillis)).toList();
    }
}
