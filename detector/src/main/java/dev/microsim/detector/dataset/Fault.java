package dev.microsim.detector.dataset;

import java.util.List;
import java.util.Objects;

/** One ground-truth fault: what kind, when it acted, which services caused it and which it affected. */
public record Fault(String id, String kind, TimeWindow window, List<String> rootCauses, List<String> affected) {

    public Fault {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(window, "window");
        rootCauses = List.copyOf(rootCauses);
        affected = List.copyOf(affected);
    }
}
