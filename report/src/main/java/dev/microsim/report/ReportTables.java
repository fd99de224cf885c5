package dev.microsim.report;

import dev.microsim.detector.metrics.Confusion;
import dev.microsim.detector.metrics.SeriesScore;
import dev.microsim.detector.nab.NabResult;
import dev.microsim.detector.rca.RcaScore;
import dev.microsim.detector.report.DetectionReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The tables of a run report, in the order the page and the Markdown summary show them. */
final class ReportTables {

    /** Per-series rows beyond this go to score.json only: a 1,000-service run has tens of thousands of series. */
    static final int MAX_SERIES_ROWS = 200;
    static final int MAX_FAULT_ROWS = 200;
    static final String SERIES_TABLE = "series";

    private ReportTables() {
    }

    /** One line of the numbers people quote: event-wise detection, NAB standard, AC@1/AC@3/Avg@5. */
    static String headline(RunReport r) {
        List<String> parts = new ArrayList<>();
        r.detection().ifPresent(d -> {
            parts.add(String.format(Locale.ROOT, "detection event-wise F1 %s (precision %s, recall %s)",
                    f(d.pooledEvents().f1()), f(d.pooledEvents().precision()), f(d.pooledEvents().recall())));
            d.nab().stream().filter(n -> n.profile().name().equals("standard")).findFirst()
                    .ifPresent(n -> parts.add(String.format(Locale.ROOT, "NAB standard %.2f", n.normalizedScore())));
        });
        r.rca().ifPresent(rca -> parts.add(String.format(Locale.ROOT, "root cause AC@1 %s, AC@3 %s, Avg@5 %s over %d faults",
                f(rca.overall().acAtK()[0]), f(rca.overall().acAtK()[2]), f(rca.overall().avgAtK()), rca.overall().faults())));
        if (parts.isEmpty()) {
            return r.faults().size() + " faults labelled; no predictions or ranking given, so nothing is scored.";
        }
        return String.join("; ", parts) + ".";
    }

    static Table run(RunReport r) {
        RunInfo run = r.run();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("scenario", run.scenario()));
        rows.add(List.of("seed", run.seed() == null ? "-" : run.seed().toString()));
        rows.add(List.of("start", run.start() == null ? "-" : run.start().toString()));
        rows.add(List.of("duration", run.start() == null || run.end() == null ? "-" : human(Duration.between(run.start(), run.end()))));
        rows.add(List.of("interval", run.interval() == null ? "-" : human(run.interval())));
        rows.add(List.of("services", String.valueOf(r.services().size())));
        rows.add(List.of("faults", String.valueOf(r.faults().size())));
        rows.add(List.of("complete", run.complete() ? "yes" : "no (" + run.incompleteReason() + ")"));
        rows.add(List.of("dropped spans / metric rows", run.spansDropped() + " / " + run.metricsDropped()));
        rows.add(List.of("predictions", r.predictionsFile().orElse("none given")));
        rows.add(List.of("ranking", r.rankingFile().orElse("none given")));
        return new Table("run", "Run", List.of("", ""), rows, String.join(" ", r.notes()));
    }

    static Table faults(RunReport r) {
        Instant origin = r.run().start() != null ? r.run().start()
                : r.faults().stream().map(FaultView::start).min(Instant::compareTo).orElse(Instant.EPOCH);
        List<List<String>> rows = new ArrayList<>();
        boolean ranked = r.rca().isPresent();
        for (FaultView f : r.faults().subList(0, Math.min(MAX_FAULT_ROWS, r.faults().size()))) {
            List<String> row = new ArrayList<>(List.of(f.id(), f.kind(), String.join(", ", f.rootCauses()),
                    affected(f.affected()), "+" + human(Duration.between(origin, f.start())),
                    f.end() == null ? "until the end" : human(Duration.between(f.start(), f.end()))));
            if (ranked) {
                row.add(f.top3().isEmpty() ? "(no ranking)" : String.join(", ", f.top3()));
                row.add(f.rank().isPresent() ? String.valueOf(f.rank().getAsInt()) : "not ranked");
            }
            rows.add(row);
        }
        List<String> header = new ArrayList<>(List.of("fault", "kind", "root cause", "affected", "start", "lasted"));
        if (ranked) {
            header.addAll(List.of("ranker's top 3", "rank of the root cause"));
        }
        String note = r.faults().size() > MAX_FAULT_ROWS ? (r.faults().size() - MAX_FAULT_ROWS) + " more faults not shown." : "";
        return new Table("faults", "Faults (ground truth)", header, rows, note);
    }

    static Table detection(DetectionReport d) {
        Confusion pw = d.pooledPointwise();
        Confusion pa = d.pooledPointAdjusted();
        var ev = d.pooledEvents();
        var delays = d.pooledDelays();
        List<List<String>> rows = List.of(
                List.of("point-wise", f(pw.precision()), f(pw.recall()), f(pw.f1())),
                List.of("point-adjusted", f(pa.precision()), f(pa.recall()), f(pa.f1())),
                List.of("event-wise", f(ev.precision()), f(ev.recall()), f(ev.f1())));
        Set<String> sources = d.series().stream().map(s -> s.thresholdSource().name().toLowerCase()).collect(Collectors.toSet());
        String note = String.format(Locale.ROOT,
                "%d series scored (threshold: %s). Time to detect: mean %s, median %s (%d detected, %d missed events). "
                        + "False alarms per hour: %s. Mean best F1 %s, mean PR-AUC %s, mean PA%%K area %s.",
                d.series().size(), String.join(", ", sources), human(delays.mean()), human(delays.median()),
                delays.delays().size(), delays.missedEvents(), f(d.pooledFalseAlarmsPerHour()),
                f(d.meanBestF1()), f(d.meanPrAuc()), f(d.meanPaKArea()));
        return new Table("detection", "Detection (pooled over series)", List.of("", "precision", "recall", "F1"), rows, note);
    }

    static Table nab(DetectionReport d) {
        List<List<String>> rows = new ArrayList<>();
        for (NabResult n : d.nab()) {
            rows.add(List.of(n.profile().name(), String.format(Locale.ROOT, "%.2f", n.normalizedScore()), f(n.threshold())));
        }
        return new Table("nab", "NAB score (every scored series a NAB file)", List.of("profile", "score", "threshold"), rows,
                "100 = every fault window detected at its first point with no false alarm; 0 = a detector that never alarms.");
    }

    static Table series(DetectionReport d, Set<String> firstServices) {
        List<SeriesScore> ordered = new ArrayList<>(d.series());
        // The services the report shows first (root causes, ranked) lead here too; then by event F1, worst first.
        ordered.sort((a, b) -> {
            boolean fa = firstServices.contains(service(a.series()));
            boolean fb = firstServices.contains(service(b.series()));
            if (fa != fb) {
                return fa ? -1 : 1;
            }
            return a.series().compareTo(b.series());
        });
        List<List<String>> rows = new ArrayList<>();
        for (SeriesScore s : ordered.subList(0, Math.min(MAX_SERIES_ROWS, ordered.size()))) {
            rows.add(List.of(s.series(), String.valueOf(s.points()), f(s.threshold()) + " (" + s.thresholdSource().name().toLowerCase() + ")",
                    f(s.pointwise().f1()), f(s.pointAdjusted().f1()), f(s.eventCounts().f1()),
                    s.eventCounts().detectedEvents() + "/" + s.eventCounts().events(), String.valueOf(s.eventCounts().falseAlarms()),
                    human(s.delays().mean())));
        }
        String note = ordered.size() > MAX_SERIES_ROWS
                ? (ordered.size() - MAX_SERIES_ROWS) + " more series: see score.json (microsim score --detections)." : "";
        return new Table(SERIES_TABLE, "Detection per series",
                List.of("series", "points", "threshold", "F1", "PA-F1", "event F1", "events found", "false alarms", "time to detect"), rows, note);
    }

    static Table rca(RcaScore rca) {
        List<List<String>> rows = new ArrayList<>();
        new TreeMap<>(rca.byKind()).forEach((kind, a) -> rows.add(accuracyRow(kind, a)));
        rows.add(accuracyRow("all", rca.overall()));
        return new Table("rca", "Root cause ranking per fault kind",
                List.of("kind", "faults", "AC@1", "AC@2", "AC@3", "AC@4", "AC@5", "Avg@5"), rows,
                "AC@k: share of true root causes in the top k (RCAEval); Avg@5: mean of AC@1..AC@5.");
    }

    private static List<String> accuracyRow(String kind, RcaScore.Accuracy a) {
        List<String> row = new ArrayList<>(List.of(kind, String.valueOf(a.faults())));
        for (double ac : a.acAtK()) {
            row.add(f(ac));
        }
        row.add(f(a.avgAtK()));
        return row;
    }

    private static String service(String series) {
        int slash = series.indexOf('/');
        return slash < 0 ? series : series.substring(0, slash);
    }

    private static String affected(List<String> affected) {
        if (affected.size() <= 4) {
            return String.join(", ", affected);
        }
        return String.join(", ", affected.subList(0, 4)) + " and " + (affected.size() - 4) + " more";
    }

    static String f(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static String human(Duration d) {
        if (d == null) {
            return "-";
        }
        long ms = d.toMillis();
        if (ms % 1000 != 0 || ms < 1000) {
            return String.format(Locale.ROOT, "%.3gs", ms / 1000.0);
        }
        long s = ms / 1000;
        return s < 120 ? s + "s" : s < 7200 ? (s / 60) + "m" + (s % 60 == 0 ? "" : (s % 60) + "s") : (s / 3600) + "h" + ((s % 3600) / 60) + "m";
    }

    /** Every table of the report that has content, in page order. */
    static List<Table> all(RunReport r) {
        List<Table> tables = new ArrayList<>();
        tables.add(run(r));
        tables.add(faults(r));
        r.detection().ifPresent(d -> {
            tables.add(detection(d));
            tables.add(nab(d));
        });
        r.rca().ifPresent(rca -> tables.add(rca(rca)));
        r.detection().ifPresent(d -> tables.add(series(d, r.services().stream()
                .filter(p -> p.role().compareTo(ServicePanel.Role.RANKED) <= 0).map(ServicePanel::name).collect(Collectors.toSet()))));
        return tables;
    }
}
