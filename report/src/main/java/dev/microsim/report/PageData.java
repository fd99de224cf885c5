package dev.microsim.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.microsim.detector.metrics.PaKCurve;
import dev.microsim.detector.metrics.SeriesScore;
import dev.microsim.detector.rca.RcaScore;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON the page's script draws from: one shared time axis (epoch seconds), per service its key
 * series and alarm buckets, the faults, the call graph and the curves of the score charts. Values
 * keep four significant digits (a chart needs no more, and the page of a 1,000-service run stays
 * small); undefined values are null, which uPlot draws as gaps.
 */
final class PageData {

    private static final JsonFactory FACTORY = new JsonFactory();

    private PageData() {
    }

    static String json(RunReport report) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("title", report.run().scenario());
            writeAxis(g, report.axis());
            writeCharts(g, report);
            writeServices(g, report.services());
            writeFaults(g, report.faults());
            writeGraph(g, report);
            writeScoreCharts(g, report);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // '<' only occurs inside JSON strings, where \u003c means the same: no "</script>" can end the block early.
        return out.toString().replace("<", "\\u003c");
    }

    private static void writeAxis(JsonGenerator g, TimeAxis axis) throws IOException {
        g.writeArrayFieldStart("t");
        for (int b = 0; b < axis.buckets(); b++) {
            g.writeNumber(axis.bucketStart(b) / 1000.0);
        }
        g.writeEndArray();
    }

    /** The charts some service has data for (the detector's chart only when its output was given). */
    private static void writeCharts(JsonGenerator g, RunReport report) throws IOException {
        g.writeArrayFieldStart("charts");
        for (KeySeries.Chart chart : KeySeries.Chart.values()) {
            boolean any = report.services().stream().anyMatch(p -> p.values().keySet().stream().anyMatch(k -> k.chart == chart));
            if (!any && chart == KeySeries.Chart.DETECTOR) {
                continue;
            }
            g.writeStartObject();
            g.writeStringField("id", chart.name());
            g.writeStringField("title", chart.name().toLowerCase());
            g.writeArrayFieldStart("keys");
            for (KeySeries key : KeySeries.values()) {
                if (key.chart == chart) {
                    g.writeStartObject();
                    g.writeStringField("key", key.name());
                    g.writeStringField("label", key.label);
                    g.writeStringField("scale", key.unit == KeySeries.Unit.MIB ? "mib" : "y");
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeServices(JsonGenerator g, List<ServicePanel> services) throws IOException {
        g.writeArrayFieldStart("services");
        for (ServicePanel panel : services) {
            g.writeStartObject();
            g.writeStringField("name", panel.name());
            g.writeStringField("role", panel.role().name());
            g.writeObjectFieldStart("v");
            for (Map.Entry<KeySeries, double[]> e : panel.values().entrySet()) {
                g.writeArrayFieldStart(e.getKey().name());
                for (double v : e.getValue()) {
                    number(g, v);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeArrayFieldStart("alarms");
            for (ServicePanel.Alarm alarm : panel.alarms()) {
                g.writeStartArray();
                g.writeNumber(alarm.epochMillis() / 1000.0);
                g.writeNumber(alarm.count());
                g.writeString(String.join(", ", alarm.series()));
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeFaults(JsonGenerator g, List<FaultView> faults) throws IOException {
        g.writeArrayFieldStart("faults");
        for (FaultView f : faults) {
            g.writeStartObject();
            g.writeStringField("id", f.id());
            g.writeStringField("kind", f.kind());
            g.writeNumberField("start", f.start().toEpochMilli() / 1000.0);
            if (f.end() == null) {
                g.writeNullField("end");
            } else {
                g.writeNumberField("end", f.end().toEpochMilli() / 1000.0);
            }
            strings(g, "rootCauses", f.rootCauses());
            strings(g, "affected", f.affected());
            strings(g, "top3", f.top3());
            if (f.rank().isPresent()) {
                g.writeNumberField("rank", f.rank().getAsInt());
            } else {
                g.writeNullField("rank");
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeGraph(JsonGenerator g, RunReport report) throws IOException {
        if (report.graph().isEmpty()) {
            g.writeNullField("graph");
            return;
        }
        CallGraphView graph = report.graph().get();
        g.writeObjectFieldStart("graph");
        strings(g, "nodes", graph.services());
        g.writeArrayFieldStart("edges");
        for (CallGraphView.Edge e : graph.edges()) {
            g.writeStartArray();
            g.writeString(e.caller());
            g.writeString(e.callee());
            g.writeNumber(e.calls());
            number(g, e.errorRate());
            number(g, e.p95Millis());
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** PA%K F1 by K (mean over series with anomalies) and AC@k per fault kind, for the two score charts. */
    private static void writeScoreCharts(JsonGenerator g, RunReport report) throws IOException {
        g.writeObjectFieldStart("scoreCharts");
        if (report.detection().isPresent()) {
            List<SeriesScore> scored = report.detection().get().series().stream()
                    .filter(s -> s.eventCounts().events() > 0).toList();
            if (!scored.isEmpty()) {
                List<PaKCurve.Point> first = scored.get(0).paK().points();
                g.writeObjectFieldStart("paK");
                g.writeArrayFieldStart("k");
                for (PaKCurve.Point p : first) {
                    g.writeNumber(p.kPercent());
                }
                g.writeEndArray();
                g.writeArrayFieldStart("f1");
                for (int i = 0; i < first.size(); i++) {
                    final int at = i;
                    number(g, scored.stream().mapToDouble(s -> s.paK().points().get(at).f1()).filter(v -> !Double.isNaN(v))
                            .average().orElse(Double.NaN));
                }
                g.writeEndArray();
                g.writeEndObject();
            }
        }
        if (report.rca().isPresent()) {
            RcaScore rca = report.rca().get();
            g.writeObjectFieldStart("acAtK");
            Map<String, RcaScore.Accuracy> kinds = new TreeMap<>(rca.byKind());
            kinds.put("all", rca.overall());
            for (Map.Entry<String, RcaScore.Accuracy> e : kinds.entrySet()) {
                g.writeArrayFieldStart(e.getKey());
                for (double ac : e.getValue().acAtK()) {
                    number(g, ac);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /** Four significant digits, written in the shortest form a float needs. */
    static void number(JsonGenerator g, double v) throws IOException {
        if (!Double.isFinite(v)) {
            g.writeNull();
        } else if (v == 0) {
            g.writeNumber(0);
        } else if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            g.writeNumber((long) v);
        } else {
            double scale = Math.pow(10, 3 - Math.floor(Math.log10(Math.abs(v))));
            g.writeNumber((float) (Math.round(v * scale) / scale));
        }
    }

}
