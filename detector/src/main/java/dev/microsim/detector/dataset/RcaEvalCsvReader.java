package dev.microsim.detector.dataset;

import dev.microsim.detector.io.InputException;
import dev.microsim.detector.telemetry.MetricSeries;
import dev.microsim.detector.telemetry.RcaEvalTelemetryReader;
import dev.microsim.detector.telemetry.Telemetry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an RCAEval-style wide CSV ({@link RcaEvalTelemetryReader}) with its ground truth as
 * RCAEval's cases are labelled: every series is anomalous from the injection time to the end of the
 * data, and the fault's root cause is the given service.
 */
public final class RcaEvalCsvReader {

    public Dataset read(Path file, Instant injectionTime, String rootCause, String faultKind) throws InputException {
        Telemetry telemetry = new RcaEvalTelemetryReader().read(file);
        long last = telemetry.metrics().get(0).epochMillis()[telemetry.metrics().get(0).size() - 1];
        Instant lastPoint = Instant.ofEpochMilli(last);
        TimeWindow window = new TimeWindow(injectionTime, lastPoint.isAfter(injectionTime) ? lastPoint : injectionTime);
        List<Series> series = new ArrayList<>();
        for (MetricSeries metric : telemetry.metrics()) {
            series.add(Series.labelled(metric, List.of(window)));
        }
        Fault fault = new Fault(file.getFileName().toString(), faultKind, window,
                rootCause == null ? List.of() : List.of(rootCause), List.of());
        return new Dataset(file.toString(), telemetry, series, List.of(fault));
    }
}
