package dev.microsim.detector.dataset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a scorer needs from any source (MicroSim, RCAEval): series with their labels, and the faults. */
public record Dataset(String source, List<Series> series, List<Fault> faults) {

    public Dataset {
        series = List.copyOf(series);
        faults = List.copyOf(faults);
    }

    public Optional<Series> series(String name) {
        return series.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Map<String, Series> seriesByName() {
        Map<String, Series> byName = new LinkedHashMap<>();
        series.forEach(s -> byName.put(s.name(), s));
        return byName;
    }
}
