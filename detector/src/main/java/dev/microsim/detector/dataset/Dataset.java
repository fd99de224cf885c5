package dev.microsim.detector.dataset;

import dev.microsim.detector.telemetry.Telemetry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the scorer needs from any source (MicroSim, RCAEval): the label-free {@link Telemetry} a
 * detector is given, the same series joined with their labels, and the faults. Only the scorer
 * holds a {@code Dataset}; detectors, log parsers and rankers get {@link #telemetry()}.
 */
public record Dataset(String source, Telemetry telemetry, List<Series> series, List<Fault> faults) {

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
