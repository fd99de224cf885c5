package dev.microsim.detector.pipeline;

import dev.microsim.detector.detect.ServiceDetector;
import dev.microsim.detector.detect.VectorStream;
import dev.microsim.detector.telemetry.MetricSeries;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a {@link ServiceDetector} over one service: its series aligned on the union of their
 * instants, a series without a point at an instant carrying its last value forward (its first
 * value before it starts: never a later one). The verdict is named {@code <service>/<detector>}.
 */
final class ServiceVectors {

    private ServiceVectors() {
    }

    static SeriesVerdict score(String service, List<MetricSeries> series, ServiceDetector detector) {
        long[] times = series.stream().flatMapToLong(s -> Arrays.stream(s.epochMillis())).distinct().sorted().toArray();
        List<String> names = series.stream().map(MetricSeries::name).toList();
        VectorStream stream = detector.stream(names);
        int[] cursor = new int[series.size()];
        double[] point = new double[series.size()];
        for (int d = 0; d < series.size(); d++) {
            point[d] = series.get(d).values()[0];
        }
        double[] scores = new double[times.length];
        AlarmRuns runs = new AlarmRuns(times);
        for (int i = 0; i < times.length; i++) {
            for (int d = 0; d < series.size(); d++) {
                MetricSeries s = series.get(d);
                if (cursor[d] < s.size() && s.epochMillis()[cursor[d]] == times[i]) {
                    point[d] = s.values()[cursor[d]++];
                }
            }
            scores[i] = stream.next(point.clone());
            runs.add(i, scores[i], stream::explain);
        }
        return new SeriesVerdict(service + "/" + detector.name(), service, "service", detector.name(), detector.description(),
                detector.params().values(), "all " + series.size() + " series of the service together", times, scores, runs.finish());
    }
}
