package dev.microsim.report;

import dev.microsim.detector.dataset.Dataset;
import dev.microsim.detector.dataset.Fault;
import dev.microsim.detector.dataset.Series;
import dev.microsim.detector.metrics.SeriesScore;
import dev.microsim.detector.rca.RcaScore;
import dev.microsim.detector.rca.RcaScorer;
import dev.microsim.detector.report.DatasetScorer;
import dev.microsim.detector.report.DetectionReport;
import dev.microsim.detector.telemetry.MetricSeries;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a scored dataset into a {@link RunReport}: key series per service on one downsampled axis,
 * the detector's alarms, the faults with the ranker's answer, and the score tables (computed with
 * the same scorer as {@code microsim score}, so the numbers are the same).
 *
 * <p>Size is bounded by a budget of plotted values for the whole page: the axis is cut into buckets
 * so that services x key series x points stays under it, whatever the number of services or the
 * length of the run.
 */
final class RunReportBuilder {

    /** About 8-10 MB of page at 4-5 characters per value: a 1,000-service run stays well under 20 MB. */
    static final int DEFAULT_VALUE_BUDGET = 2_000_000;
    /** Fewer points than this per series would hide the shape of a fault; the budget gives way first. */
    static final int MIN_POINTS = 60;
    private static final int ALARM_NAMES_KEPT = 3;

    private final int valueBudget;

    RunReportBuilder(int valueBudget) {
        if (valueBudget < 1) {
            throw new IllegalArgumentException("value budget must be >= 1, got " + valueBudget);
        }
        this.valueBudget = valueBudget;
    }

    RunReportBuilder() {
        this(DEFAULT_VALUE_BUDGET);
    }

    RunReport build(ReportInputs in) {
        Dataset dataset = in.dataset();
        List<MetricSeries> metrics = dataset.telemetry().metrics();
        Set<String> serviceNames = new LinkedHashSet<>();
        metrics.forEach(m -> serviceNames.add(m.service()));
        in.graph().ifPresent(g -> serviceNames.addAll(g.services()));
        int perSeries = Math.max(MIN_POINTS, valueBudget / Math.max(1, serviceNames.size() * KeySeries.values().length));
        TimeAxis axis = TimeAxis.of(metrics, perSeries);

        Optional<DetectionReport> detection = in.predictions().map(p -> new DatasetScorer().score(dataset, p, in.threshold()));
        Map<String, List<ServicePanel.Alarm>> alarms = detection.map(d -> alarms(d, in, axis)).orElse(Map.of());
        Optional<RcaScore> rca = in.rankings().map(r -> new RcaScorer().score(dataset.faults(), r));
        List<FaultView> faults = faults(dataset.faults(), in.rankings().orElse(Map.of()), rca);

        Map<String, Map<KeySeries, double[]>> values = keySeries(metrics, serviceNames, axis);
        in.serviceScores().ifPresent(scores -> scores.byService().forEach((service, points) -> {
            double[] full = filledNaN(axis.size());
            points.forEach((t, v) -> {
                int at = axis.indexOf(t);
                if (at >= 0) {
                    full[at] = v;
                }
            });
            values.computeIfAbsent(service, k -> new EnumMap<>(KeySeries.class)).put(KeySeries.ANOMALY, axis.reduce(full, KeySeries.ANOMALY.reduce));
        }));
        Map<String, ServicePanel.Role> roles = roles(serviceNames, faults, alarms);
        List<ServicePanel> panels = new ArrayList<>();
        for (String service : serviceNames) {
            panels.add(new ServicePanel(service, roles.get(service), values.getOrDefault(service, Map.of()),
                    alarms.getOrDefault(service, List.of())));
        }
        panels.sort(Comparator.comparing(ServicePanel::role)
                .thenComparing(p -> -p.alarms().stream().mapToInt(ServicePanel.Alarm::count).sum())
                .thenComparing(ServicePanel::name));

        Optional<CallGraphView> graph = in.graph().map(g -> g.around(panels.stream()
                .filter(p -> p.role().compareTo(ServicePanel.Role.AFFECTED) <= 0).map(ServicePanel::name).toList(), CallGraphView.MAX_DRAWN));
        List<String> notes = new ArrayList<>();
        in.graph().ifPresent(g -> {
            if (graph.get().services().size() < g.services().size()) {
                notes.add("The call graph shows " + graph.get().services().size() + " of " + g.services().size()
                        + " services: root causes, ranked, alarmed and affected services and their direct neighbours.");
            }
        });
        if (axis.stride() > 1) {
            notes.add(String.format(java.util.Locale.ROOT,
                    "Charts show %d of %d points per series: each point is the mean (requests/s) or the max (all else) of %d samples.",
                    axis.buckets(), axis.size(), axis.stride()));
        }
        if (in.graph().isEmpty()) {
            notes.add(dataset.telemetry().traces().isPresent() ? "No call graph: none could be built from the traces."
                    : "No call graph: the dataset has no traces.");
        }
        return new RunReport(in.run(), dataset.source(), axis, panels, faults, detection, in.predictionsFile().map(Path::toString),
                rca, in.rankingFile().map(Path::toString), graph, notes);
    }

    private static Map<String, Map<KeySeries, double[]>> keySeries(List<MetricSeries> metrics, Set<String> services, TimeAxis axis) {
        Map<String, Map<KeySeries, double[]>> full = new HashMap<>();
        for (MetricSeries m : metrics) {
            Optional<KeySeries> key = KeySeries.ofMetric(m.metric());
            if (key.isEmpty()) {
                continue;
            }
            double[] into = full.computeIfAbsent(m.service(), s -> new EnumMap<>(KeySeries.class))
                    .computeIfAbsent(key.get(), k -> filledNaN(axis.size()));
            long step = m.medianStepMillis();
            for (int i = 0; i < m.size(); i++) {
                int at = axis.indexOf(m.epochMillis()[i]);
                double v = key.get().convert(m.values()[i], step);
                double was = into[at];
                into[at] = Double.isNaN(was) ? v : key.get().combine == KeySeries.Combine.SUM ? was + v : Math.max(was, v);
            }
        }
        Map<String, Map<KeySeries, double[]>> reduced = new HashMap<>();
        full.forEach((service, byKey) -> {
            Map<KeySeries, double[]> out = new EnumMap<>(KeySeries.class);
            byKey.forEach((key, values) -> out.put(key, axis.reduce(values, key.reduce)));
            reduced.put(service, out);
        });
        return reduced;
    }

    private static double[] filledNaN(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    /** Alarm buckets per service: where a series' score reached the threshold the scorer used for it. */
    private static Map<String, List<ServicePanel.Alarm>> alarms(DetectionReport report, ReportInputs in, TimeAxis axis) {
        Map<String, Series> byName = in.dataset().seriesByName();
        Map<String, double[]> scores = in.predictions().orElseThrow().scoresBySeries();
        Map<String, TreeMap<Integer, AlarmBucket>> perService = new HashMap<>();
        for (SeriesScore score : report.series()) {
            Series series = byName.get(score.series());
            double[] predicted = scores.get(score.series());
            for (int i = 0; i < predicted.length; i++) {
                if (predicted[i] >= score.threshold()) {
                    int bucket = axis.bucketOf(series.epochMillis()[i]);
                    perService.computeIfAbsent(series.service(), s -> new TreeMap<>())
                            .computeIfAbsent(bucket, b -> new AlarmBucket()).add(score.series());
                }
            }
        }
        Map<String, List<ServicePanel.Alarm>> result = new HashMap<>();
        perService.forEach((service, buckets) -> {
            List<ServicePanel.Alarm> list = new ArrayList<>();
            buckets.forEach((bucket, b) -> list.add(new ServicePanel.Alarm(axis.bucketStart(bucket), b.count, List.copyOf(b.names))));
            result.put(service, list);
        });
        return result;
    }

    private static final class AlarmBucket {
        int count;
        final Set<String> names = new LinkedHashSet<>();

        void add(String series) {
            count++;
            if (names.size() < ALARM_NAMES_KEPT) {
                names.add(series);
            }
        }
    }

    private static List<FaultView> faults(List<Fault> faults, Map<String, List<String>> rankings, Optional<RcaScore> rca) {
        Map<String, OptionalInt> ranks = new HashMap<>();
        rca.ifPresent(score -> score.faults().forEach(f -> ranks.put(f.faultId(), f.rank())));
        List<FaultView> views = new ArrayList<>();
        for (Fault f : faults) {
            Instant end = f.window().end().toEpochMilli() == Long.MAX_VALUE ? null : f.window().end();
            views.add(new FaultView(f.id(), f.kind(), f.window().start(), end, f.rootCauses(), f.affected(),
                    rankings.getOrDefault(f.id(), List.of()), ranks.getOrDefault(f.id(), OptionalInt.empty())));
        }
        return views;
    }

    private static Map<String, ServicePanel.Role> roles(Set<String> services, List<FaultView> faults,
                                                        Map<String, List<ServicePanel.Alarm>> alarms) {
        Map<String, ServicePanel.Role> roles = new LinkedHashMap<>();
        for (String s : services) {
            roles.put(s, alarms.containsKey(s) ? ServicePanel.Role.ALARMED : ServicePanel.Role.OTHER);
        }
        for (FaultView f : faults) {
            f.affected().forEach(s -> roles.computeIfPresent(s, (k, r) -> min(r, ServicePanel.Role.AFFECTED)));
            f.top3().forEach(s -> roles.computeIfPresent(s, (k, r) -> min(r, ServicePanel.Role.RANKED)));
            f.rootCauses().forEach(s -> roles.computeIfPresent(s, (k, r) -> ServicePanel.Role.ROOT_CAUSE));
        }
        return roles;
    }

    private static ServicePanel.Role min(ServicePanel.Role a, ServicePanel.Role b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
