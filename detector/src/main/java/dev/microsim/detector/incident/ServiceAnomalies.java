package dev.microsim.detector.incident;

import dev.microsim.detector.rank.Observations;
import java.util.List;
import java.util.Set;

/** Which services look anomalous at each bin of the observations' grid: what incidents are made of. */
public interface ServiceAnomalies {

    String description();

    /** Element {@code b}: the services anomalous at bin {@code b}. */
    List<Set<String>> anomalousByBin(Observations observations);
}
