package dev.microsim.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microsim.detector.rca.RcaScore;
import dev.microsim.detector.report.DetectionReport;
import dev.microsim.detector.report.ReportJson;
import dev.microsim.report.suite.SuiteScore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The suite's leaderboard as {@code suite-score.json}, a self-contained {@code suite-report.html}
 * (tables and two uPlot charts: event F1 and AC@1 per fault kind, one line per entrant) and
 * {@code suite-report.md}.
 */
public final class SuiteReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SuiteReport() {
    }

    public static void write(SuiteScore score, Path dir) throws IOException {
        List<Table> tables = tables(score);
        HtmlReport.writeAtomically(dir.resolve("suite-score.json"), JSON.writeValueAsString(json(score)));
        StringBuilder md = new StringBuilder("# MicroSim suite: ").append(score.suite()).append("\n\n");
        tables.forEach(t -> md.append(MarkdownSummary.table(t)));
        HtmlReport.writeAtomically(dir.resolve("suite-report.md"), md.toString());
        StringBuilder html = new StringBuilder();
        tables.forEach(t -> html.append(Html.table(t)));
        Map<String, String> values = new HashMap<>();
        values.put("title", Html.escape("MicroSim suite: " + score.suite()));
        values.put("tables", html.toString());
        values.put("uplot.css", WebJarFile.UPLOT_CSS.read());
        values.put("report.css", HtmlReport.resource("report.css"));
        values.put("data", chartData(score).replace("<", "\\u003c"));
        values.put("uplot.js", WebJarFile.UPLOT_JS.read().replace("</script", "<\\/script"));
        values.put("suite.js", HtmlReport.resource("suite.js"));
        HtmlReport.writeAtomically(dir.resolve("suite-report.html"), HtmlReport.fill(HtmlReport.resource("suite.html"), values));
    }

    static List<Table> tables(SuiteScore score) {
        List<SuiteScore.EntrantScore> ranked = new ArrayList<>(score.entrants());
        ranked.sort(Comparator.comparingDouble((SuiteScore.EntrantScore e) -> -orZero(e.detection().map(d -> d.pooledEvents().f1()).orElse(Double.NaN)))
                .thenComparingDouble(e -> -orZero(e.rca().map(r -> r.overall().acAtK()[0]).orElse(Double.NaN))));
        List<List<String>> rows = new ArrayList<>();
        for (SuiteScore.EntrantScore e : ranked) {
            // A ranker that predicts nothing (the baselines) is not a detector that missed every case.
            String predicted = e.casesWithPredictions() == 0 && e.casesWithRanking() > 0 ? "-"
                    : e.casesWithPredictions() + "/" + (e.casesWithPredictions() + e.casesWithoutPredictions());
            List<String> row = new ArrayList<>(List.of(e.name(), predicted));
            if (e.detection().isPresent()) {
                DetectionReport d = e.detection().get();
                row.addAll(List.of(ReportTables.f(d.pooledEvents().precision()), ReportTables.f(d.pooledEvents().recall()),
                        ReportTables.f(d.pooledEvents().f1()), ReportTables.f(d.pooledPointAdjusted().f1()), ReportTables.f(d.pooledPointwise().f1()),
                        d.nab().stream().filter(n -> n.profile().name().equals("standard")).findFirst()
                                .map(n -> String.format(Locale.ROOT, "%.2f", n.normalizedScore())).orElse("-")));
            } else {
                row.addAll(List.of("-", "-", "-", "-", "-", "-"));
            }
            row.add(String.valueOf(e.casesWithRanking()));
            if (e.rca().isPresent()) {
                RcaScore.Accuracy a = e.rca().get().overall();
                row.addAll(List.of(ReportTables.f(a.acAtK()[0]), ReportTables.f(a.acAtK()[2]), ReportTables.f(a.avgAtK())));
            } else {
                row.addAll(List.of("-", "-", "-"));
            }
            rows.add(row);
        }
        String note = score.unfinished().isEmpty() ? "All " + score.cases() + " cases finished."
                : score.unfinished().size() + " of " + score.cases() + " cases are not finished and not scored: "
                + String.join(", ", score.unfinished().subList(0, Math.min(20, score.unfinished().size())))
                + (score.unfinished().size() > 20 ? ", ..." : "") + ".";
        List<Table> tables = new ArrayList<>();
        tables.add(new Table("leaderboard", "Leaderboard", List.of("entrant", "cases predicted", "event P", "event R", "event F1",
                "PA-F1", "point F1", "NAB standard", "cases ranked", "AC@1", "AC@3", "Avg@5"), rows,
                note + " Detection pooled over every predicted series of every case (one NAB threshold per profile for the whole suite);"
                        + " a fault without a ranking scores 0 in AC@k."));
        TreeSet<String> kinds = kinds(score);
        // A column per entrant and score it has: rankers-only baselines get no empty detection column.
        List<SuiteScore.EntrantScore> detectors = score.entrants().stream().filter(e -> e.detection().isPresent()).toList();
        List<SuiteScore.EntrantScore> rankers = score.entrants().stream().filter(e -> e.rca().isPresent()).toList();
        List<String> header = new ArrayList<>(List.of("fault kind"));
        detectors.forEach(e -> header.add(e.name() + " event F1"));
        rankers.forEach(e -> header.add(e.name() + " AC@1 / AC@3"));
        List<List<String>> kindRows = new ArrayList<>();
        for (String kind : kinds) {
            List<String> row = new ArrayList<>(List.of(kind));
            detectors.forEach(e -> row.add(e.detectionByKind().containsKey(kind)
                    ? ReportTables.f(e.detectionByKind().get(kind).pooledEvents().f1()) : "-"));
            rankers.forEach(e -> row.add(Optional.ofNullable(e.rca().get().byKind().get(kind))
                    .map(a -> ReportTables.f(a.acAtK()[0]) + " / " + ReportTables.f(a.acAtK()[2])).orElse("-")));
            kindRows.add(row);
        }
        tables.add(new Table("by-kind", "Per fault kind", header, kindRows, ""));
        tables.add(new Table("entrants", "Entrants", List.of("entrant", "what it is"),
                score.entrants().stream().map(e -> List.of(e.name(), e.description())).toList(), ""));
        return tables;
    }

    private static TreeSet<String> kinds(SuiteScore score) {
        TreeSet<String> kinds = new TreeSet<>();
        score.entrants().forEach(e -> {
            kinds.addAll(e.detectionByKind().keySet());
            e.rca().ifPresent(r -> kinds.addAll(r.byKind().keySet()));
        });
        return kinds;
    }

    private static double orZero(double v) {
        return Double.isNaN(v) ? -1 : v;
    }

    private static String chartData(SuiteScore score) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        List<String> kinds = new ArrayList<>(kinds(score));
        ArrayNode k = root.putArray("kinds");
        kinds.forEach(k::add);
        ObjectNode f1 = root.putObject("eventF1");
        ObjectNode ac1 = root.putObject("ac1");
        for (SuiteScore.EntrantScore e : score.entrants()) {
            if (!e.detectionByKind().isEmpty()) {
                ArrayNode a = f1.putArray(e.name());
                kinds.forEach(kind -> number(a, e.detectionByKind().containsKey(kind) ? e.detectionByKind().get(kind).pooledEvents().f1() : Double.NaN));
            }
            if (e.rca().isPresent()) {
                ArrayNode a = ac1.putArray(e.name());
                kinds.forEach(kind -> {
                    RcaScore.Accuracy acc = e.rca().get().byKind().get(kind);
                    number(a, acc == null ? Double.NaN : acc.acAtK()[0]);
                });
            }
        }
        return new ObjectMapper().writeValueAsString(root);
    }

    private static void number(ArrayNode a, double v) {
        if (Double.isFinite(v)) {
            a.add(v);
        } else {
            a.addNull();
        }
    }

    private static ObjectNode json(SuiteScore score) {
        ObjectNode root = JSON.createObjectNode();
        root.put("suite", score.suite());
        root.put("cases", score.cases());
        root.putPOJO("unfinished", score.unfinished());
        ObjectNode entrants = root.putObject("entrants");
        for (SuiteScore.EntrantScore e : score.entrants()) {
            ObjectNode node = entrants.putObject(e.name());
            node.put("description", e.description());
            node.put("casesWithPredictions", e.casesWithPredictions());
            node.put("casesWithoutPredictions", e.casesWithoutPredictions());
            node.put("casesWithRanking", e.casesWithRanking());
            e.detection().ifPresent(d -> {
                ObjectNode det = ReportJson.detection(d);
                det.remove("series");
                node.set("detection", det);
            });
            ObjectNode byKind = node.putObject("detectionByKind");
            e.detectionByKind().forEach((kind, d) -> {
                ObjectNode det = ReportJson.detection(d);
                det.remove("series");
                byKind.set(kind, det);
            });
            e.rca().ifPresent(r -> {
                ObjectNode rca = ReportJson.rca(r);
                rca.remove("faults");
                node.set("rca", rca);
            });
        }
        return root;
    }
}
