package dev.microsim.telemetry;

import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Where the mesh's OpenTelemetry metrics and logs go besides the dataset. Both are factories per
 * service because a {@link MetricReader} or {@link LogRecordProcessor} belongs to exactly one SDK
 * provider and every simulated service has its own (resource {@code service.name}). A service for
 * which both factories return nothing gets no OTel metrics or logs SDK at all, so the default
 * {@link #NONE} costs one null check per request.
 */
public record OtelExport(Function<String, List<MetricReader>> metricReaders, Function<String, List<LogRecordProcessor>> logProcessors) {
    public static final OtelExport NONE = new OtelExport(s -> List.of(), s -> List.of());

    public OtelExport {
        if (metricReaders == null) throw new IllegalArgumentException("metricReaders must not be null");
        if (logProcessors == null) throw new IllegalArgumentException("logProcessors must not be null");
    }

    public static OtelExport metrics(Function<String, List<MetricReader>> readers) {
        return new OtelExport(readers, s -> List.of());
    }

    public static OtelExport logs(Function<String, List<LogRecordProcessor>> processors) {
        return new OtelExport(s -> List.of(), processors);
    }

    /** Both exports: readers and processors of this one first, then the other's. */
    public OtelExport and(OtelExport other) {
        return new OtelExport(s -> concat(metricReaders.apply(s), other.metricReaders.apply(s)),
                s -> concat(logProcessors.apply(s), other.logProcessors.apply(s)));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
