package dev.microsim.detector.signals;

import dev.microsim.detector.telemetry.MetricSeries;
import dev.microsim.detector.telemetry.Telemetry;
import java.util.List;

/**
 * Series the pipeline derives from a dataset's traces or logs, beside its recorded metrics: what a
 * fault moves that no metric shows (a log storm writes lines, not requests). Label-free: a source
 * sees the {@link Telemetry} only. Its series are on the metrics' instants, so a service's series
 * line up.
 */
public interface SignalSource {

    /** What it derives, in a sentence. */
    String description();

    /** The derived series, on the instants of the telemetry's metrics; none when the input it reads is absent. */
    List<MetricSeries> derive(Telemetry telemetry);
}
