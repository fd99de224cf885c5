package dev.microsim.detector.telemetry;

import java.util.Arrays;
import java.util.Objects;

/**
 * One telemetry series as a real system shows it: instants and values, no labels. This is all a
 * detector is given; the scorer alone joins series with the ground truth (see {@code dataset.Series}).
 * Instants are epoch milliseconds, strictly increasing, to keep long series cheap.
 *
 * <p>A MicroSim series is named {@code service/endpoint/metric} ({@code service//metric} for
 * service-level series); an RCAEval column {@code service_metric} has an empty endpoint.
 */
public record MetricSeries(String name, String service, String endpoint, String metric, long[] epochMillis, double[] values) {

    public MetricSeries {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(service, "service");
        endpoint = endpoint == null ? "" : endpoint;
        Objects.requireNonNull(metric, "metric");
        if (epochMillis.length != values.length) {
            throw new IllegalArgumentException(name + ": " + epochMillis.length + " instants for " + values.length + " values");
        }
        for (int i = 1; i < epochMillis.length; i++) {
            if (epochMillis[i] <= epochMillis[i - 1]) {
                throw new IllegalArgumentException(name + ": instants must strictly increase, point " + i + " is not after point " + (i - 1));
            }
        }
    }

    /** Splits a MicroSim name at its first and last slash (endpoints contain slashes: {@code GET /cart}). */
    public static MetricSeries ofName(String name, long[] epochMillis, double[] values) {
        int first = name.indexOf('/');
        int last = name.lastIndexOf('/');
        if (first <= 0 || last <= first) {
            throw new IllegalArgumentException("series name \"" + name + "\" is not service/endpoint/metric");
        }
        return new MetricSeries(name, name.substring(0, first), name.substring(first + 1, last), name.substring(last + 1),
                epochMillis, values);
    }

    public int size() {
        return values.length;
    }

    /** Index of the point at exactly this instant, or a negative number. */
    public int indexOf(long epochMilli) {
        return Arrays.binarySearch(epochMillis, epochMilli);
    }

    /** The median spacing of the instants (1 ms for fewer than two points). */
    public long medianStepMillis() {
        if (epochMillis.length < 2) {
            return 1;
        }
        long[] gaps = new long[epochMillis.length - 1];
        for (int i = 1; i < epochMillis.length; i++) {
            gaps[i - 1] = epochMillis[i] - epochMillis[i - 1];
        }
        Arrays.sort(gaps);
        return gaps[gaps.length / 2];
    }
}
