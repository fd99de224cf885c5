package dev.microsim.detector.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microsim.detector.metrics.Confusion;
import dev.microsim.detector.metrics.DetectionDelays;
import dev.microsim.detector.metrics.EventCounts;
import dev.microsim.detector.metrics.PaKCurve;
import dev.microsim.detector.metrics.SeriesScore;
import dev.microsim.detector.nab.NabResult;
import dev.microsim.detector.rca.RcaScore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** Builds score.json. Undefined values (NaN) are written as null, durations as ISO-8601 strings. */
public final class ReportJson {

    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    public static void write(ObjectNode root, Path file) throws IOException {
        JSON.writeValue(file.toFile(), root);
    }

    public static ObjectNode detection(DetectionReport report) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode pooled = root.putObject("pooled");
        pooled.set("pointwise", confusion(report.pooledPointwise()));
        pooled.set("pointAdjusted", confusion(report.pooledPointAdjusted()));
        pooled.set("eventWise", events(report.pooledEvents()));
        pooled.set("timeToDetect", delays(report.pooledDelays()));
        number(pooled, "falseAlarmsPerHour", report.pooledFalseAlarmsPerHour());
        number(pooled, "meanBestF1", report.meanBestF1());
        number(pooled, "meanPrAuc", report.meanPrAuc());
        number(pooled, "meanPaKArea", report.meanPaKArea());
        ObjectNode nab = root.putObject("nab");
        for (NabResult result : report.nab()) {
            ObjectNode profile = nab.putObject(result.profile().name());
            number(profile, "threshold", result.threshold());
            number(profile, "score", result.normalizedScore());
            number(profile, "raw", result.rawScore());
            number(profile, "null", result.nullScore());
            number(profile, "perfect", result.perfectScore());
        }
        ArrayNode series = root.putArray("series");
        for (SeriesScore score : report.series()) {
            ObjectNode node = series.addObject();
            node.put("series", score.series());
            node.put("points", score.points());
            number(node, "threshold", score.threshold());
            node.put("thresholdSource", score.thresholdSource().name().toLowerCase());
            node.set("pointwise", confusion(score.pointwise()));
            node.set("pointAdjusted", confusion(score.pointAdjusted()));
            node.set("paK", paK(score.paK()));
            node.set("eventWise", events(score.eventCounts()));
            node.set("timeToDetect", delays(score.delays()));
            number(node, "falseAlarmsPerHour", score.falseAlarmsPerHour());
            ObjectNode best = node.putObject("bestF1");
            number(best, "f1", score.bestF1().f1());
            number(best, "threshold", score.bestF1().threshold());
            number(node, "prAuc", score.prAuc());
        }
        return root;
    }

    public static ObjectNode rca(RcaScore score) {
        ObjectNode root = JSON.createObjectNode();
        root.set("overall", accuracy(score.overall()));
        ObjectNode kinds = root.putObject("byKind");
        score.byKind().forEach((kind, accuracy) -> kinds.set(kind, accuracy(accuracy)));
        ArrayNode faults = root.putArray("faults");
        for (RcaScore.FaultRank rank : score.faults()) {
            ObjectNode node = faults.addObject();
            node.put("fault", rank.faultId());
            node.put("kind", rank.kind());
            node.putPOJO("rootCauses", rank.rootCauses());
            if (rank.rank().isPresent()) {
                node.put("rank", rank.rank().getAsInt());
            } else {
                node.putNull("rank");
            }
        }
        return root;
    }

    private static ObjectNode accuracy(RcaScore.Accuracy accuracy) {
        ObjectNode node = JSON.createObjectNode();
        node.put("faults", accuracy.faults());
        for (int k = 1; k <= accuracy.acAtK().length; k++) {
            number(node, "AC@" + k, accuracy.acAtK()[k - 1]);
        }
        number(node, "Avg@" + accuracy.acAtK().length, accuracy.avgAtK());
        return node;
    }

    private static ObjectNode confusion(Confusion c) {
        ObjectNode node = JSON.createObjectNode();
        node.put("tp", c.tp()).put("fp", c.fp()).put("fn", c.fn()).put("tn", c.tn());
        number(node, "precision", c.precision());
        number(node, "recall", c.recall());
        number(node, "f1", c.f1());
        return node;
    }

    private static ObjectNode events(EventCounts e) {
        ObjectNode node = JSON.createObjectNode();
        node.put("events", e.events()).put("detected", e.detectedEvents())
                .put("alarms", e.alarmRuns()).put("falseAlarms", e.falseAlarms());
        number(node, "precision", e.precision());
        number(node, "recall", e.recall());
        number(node, "f1", e.f1());
        return node;
    }

    private static ObjectNode delays(DetectionDelays d) {
        ObjectNode node = JSON.createObjectNode();
        duration(node, "mean", d.mean());
        duration(node, "median", d.median());
        node.put("detected", d.delays().size()).put("missed", d.missedEvents());
        return node;
    }

    private static ObjectNode paK(PaKCurve curve) {
        ObjectNode node = JSON.createObjectNode();
        ObjectNode f1 = node.putObject("f1ByK");
        for (PaKCurve.Point point : curve.points()) {
            number(f1, String.valueOf(point.kPercent()), point.f1());
        }
        number(node, "area", curve.area());
        return node;
    }

    private static void duration(ObjectNode node, String field, Duration value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value.toString());
        }
    }

    static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else if (value == Double.POSITIVE_INFINITY || value == Double.NEGATIVE_INFINITY) {
            node.put(field, value > 0 ? "Infinity" : "-Infinity");
        } else {
            node.putNull(field);
        }
    }
}
