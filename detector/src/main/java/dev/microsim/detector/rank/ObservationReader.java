package dev.microsim.detector.rank;

import dev.microsim.detector.io.InputException;
import dev.microsim.detector.io.InputProblem;
import dev.microsim.detector.logs.LogParser;
import dev.microsim.detector.logs.LogTemplateCounter;
import dev.microsim.detector.logs.LogTemplateSeries;
import dev.microsim.detector.telemetry.LogLine;
import dev.microsim.detector.telemetry.LogLines;
import dev.microsim.detector.telemetry.MetricSeries;
import dev.microsim.detector.telemetry.Telemetry;
import dev.microsim.detector.traces.CallGraph;
import dev.microsim.detector.traces.SpanReader;
import dev.microsim.detector.traces.TraceAnalysis;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Builds {@link Observations} from the label-free {@link Telemetry}: metric series on a grid, and
 * when the source has them, trace series and the call graph ({@link TraceAnalysis}) and log
 * template counts. What is absent is said in a note, never silently skipped.
 */
public final class ObservationReader {

    private final LogParser logParser;

    public ObservationReader(LogParser logParser) {
        this.logParser = logParser;
    }

    public Observations read(Telemetry telemetry) throws InputException {
        List<MetricSeries> metrics = telemetry.metrics();
        if (metrics.isEmpty()) {
            throw new InputException(InputProblem.ofFile(Path.of(telemetry.source()), "has no metric series: nothing to rank on"));
        }
        TimeGrid grid = grid(metrics);
        List<Signal> signals = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (MetricSeries series : withRatios(metrics, List.of(new Ratio("errors", "requests", "error_ratio")))) {
            signals.add(signal(series, grid, Signal.Source.METRIC));
        }
        Optional<CallGraph> graph = Optional.empty();
        if (telemetry.traces().isPresent()) {
            TraceAnalysis analysis = new TraceAnalysis(new SpanReader().read(telemetry.traces().get()));
            CallGraph callGraph = analysis.callGraph();
            graph = Optional.of(callGraph);
            List<MetricSeries> traceSeries = analysis.series(grid.originMillis(), grid.stepMillis(), grid.bins());
            for (MetricSeries series : withRatios(traceSeries, List.of(
                    new Ratio("trace_errors", "trace_spans", "trace_error_ratio"),
                    new Ratio("trace_origin_errors", "trace_spans", "trace_origin_error_ratio"),
                    new Ratio("call_errors", "call_count", "call_error_ratio"),
                    new Ratio("call_unanswered", "call_count", "call_unanswered_ratio"),
                    new Ratio("call_client_errors", "call_count", "call_client_error_ratio"),
                    new Ratio("call_count", "trace_spans", "call_fanout", true)))) {
                signals.add(signal(series, grid, Signal.Source.TRACE));
            }
            notes.addAll(callGraph.notes());
        } else {
            notes.add("no traces: no call graph, self times or call errors; ranked on metrics"
                    + (telemetry.logs().isPresent() ? " and logs" : "") + " only");
        }
        if (telemetry.logs().isPresent()) {
            List<LogLine> lines = new ArrayList<>();
            LogLines.read(telemetry.logs().get(), lines::add);
            for (LogTemplateSeries t : new LogTemplateCounter(logParser).count(lines, grid.originMillis(), grid.stepMillis(), grid.bins())) {
                boolean bad = t.level().equals("WARN") || t.level().equals("ERROR");
                signals.add(new Signal(t.service(), "", "log " + t.level() + " \"" + t.template() + "\"", "log_" + t.level(), Signal.Source.LOG,
                        Signal.Kind.SYMPTOM, bad ? Signal.Direction.UP : Signal.Direction.BOTH, SignalCatalog.COUNT, Signal.DEFAULT_RELATIVE_FLOOR,
                        t.counts().values()));
            }
        } else {
            notes.add("no logs: log templates not used");
        }
        return new Observations(telemetry.source(), grid, signals, graph, notes);
    }

    /**
     * The series plus, for each ratio rule, the ratio series of
     * every (service, endpoint) that has both (NaN where the denominator is 0): a quiet service's
     * errors matter as a share of its requests, not as a count next to a busy one's.
     */
    /** {@code numerator / denominator} of one (service, endpoint); {@code ofService}: the denominator is the service-level series. */
    record Ratio(String numerator, String denominator, String metric, boolean ofService) {
        Ratio(String numerator, String denominator, String metric) {
            this(numerator, denominator, metric, false);
        }
    }

    static List<MetricSeries> withRatios(List<MetricSeries> series, List<Ratio> rules) {
        java.util.Map<String, MetricSeries> byKey = new java.util.HashMap<>();
        for (MetricSeries m : series) {
            byKey.put(m.service() + "\u0000" + m.endpoint() + "\u0000" + m.metric(), m);
        }
        List<MetricSeries> out = new ArrayList<>(series);
        for (MetricSeries m : series) {
            for (Ratio rule : rules) {
                if (!m.metric().equals(rule.numerator())) {
                    continue;
                }
                MetricSeries denominator = byKey.get(m.service() + "\u0000" + (rule.ofService() ? "" : m.endpoint()) + "\u0000" + rule.denominator());
                if (denominator == null) {
                    continue;
                }
                java.util.Map<Long, Double> byTime = new java.util.HashMap<>();
                for (int i = 0; i < denominator.size(); i++) {
                    byTime.put(denominator.epochMillis()[i], denominator.values()[i]);
                }
                double[] ratio = new double[m.size()];
                for (int i = 0; i < m.size(); i++) {
                    Double d = byTime.get(m.epochMillis()[i]);
                    ratio[i] = d == null || d == 0 || !Double.isFinite(d) ? Double.NaN : m.values()[i] / d;
                }
                String prefix = m.name().substring(0, m.name().length() - m.metric().length());
                out.add(new MetricSeries(prefix + rule.metric(), m.service(), m.endpoint(), rule.metric(), m.epochMillis(), ratio));
            }
        }
        return out;
    }

    /** The metrics' own spacing (the median step of the longest series), from the first instant to the last. */
    static TimeGrid grid(List<MetricSeries> metrics) {
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
        MetricSeries longest = metrics.get(0);
        for (MetricSeries s : metrics) {
            if (s.size() > 0) {
                first = Math.min(first, s.epochMillis()[0]);
                last = Math.max(last, s.epochMillis()[s.size() - 1]);
            }
            if (s.size() > longest.size()) {
                longest = s;
            }
        }
        long step = longest.medianStepMillis();
        return new TimeGrid(first, step, (int) ((last - first) / step) + 1);
    }

    private static Signal signal(MetricSeries series, TimeGrid grid, Signal.Source source) {
        double[] values = new double[grid.bins()];
        Arrays.fill(values, Double.NaN);
        long[] t = series.epochMillis();
        for (int i = 0; i < t.length; i++) {
            long offset = t[i] - grid.originMillis();
            if (offset >= 0 && offset / grid.stepMillis() < grid.bins()) { // an off-grid instant counts for its bin
                values[(int) (offset / grid.stepMillis())] = series.values()[i];
            }
        }
        SignalCatalog.Meaning meaning = SignalCatalog.metric(series.metric());
        boolean call = series.endpoint().startsWith("-> ");
        String peer = call ? series.endpoint().substring(3) : "";
        String name = call ? series.service() + " -> " + peer + " " + series.metric()
                : series.endpoint().isEmpty() ? series.service() + " " + series.metric()
                : series.service() + " " + series.endpoint() + " " + series.metric();
        return new Signal(series.service(), peer, name, series.metric(), source, meaning.kind(), meaning.direction(), meaning.resolution(),
                meaning.relativeFloor(), values);
    }
}
