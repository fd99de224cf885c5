package dev.microsim.detector.report;

import dev.microsim.detector.metrics.SeriesScore;
import dev.microsim.detector.nab.NabResult;
import dev.microsim.detector.rca.RcaScore;
import java.time.Duration;
import java.util.Locale;

/** The human-readable summary printed after scoring; score.json holds everything. */
public final class ReportTable {

    private ReportTable() {
    }

    public static String detection(DetectionReport report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-40s %8s %6s %6s %6s %6s %6s %8s %8s%n",
                "series", "points", "P", "R", "F1", "PA-F1", "ev-F1", "bestF1", "PR-AUC"));
        for (SeriesScore s : report.series()) {
            out.append(String.format(Locale.ROOT, "%-40s %8d %6s %6s %6s %6s %6s %8s %8s%n", s.series(), s.points(),
                    f(s.pointwise().precision()), f(s.pointwise().recall()), f(s.pointwise().f1()),
                    f(s.pointAdjusted().f1()), f(s.eventCounts().f1()), f(s.bestF1().f1()), f(s.prAuc())));
        }
        out.append(String.format(Locale.ROOT, "%-40s %8s %6s %6s %6s %6s %6s %8s %8s%n", "pooled", "",
                f(report.pooledPointwise().precision()), f(report.pooledPointwise().recall()), f(report.pooledPointwise().f1()),
                f(report.pooledPointAdjusted().f1()), f(report.pooledEvents().f1()), f(report.meanBestF1()), f(report.meanPrAuc())));
        out.append(String.format(Locale.ROOT, "time to detect: mean %s, median %s (%d detected, %d missed); false alarms/hour: %s%n",
                d(report.pooledDelays().mean()), d(report.pooledDelays().median()), report.pooledDelays().delays().size(),
                report.pooledDelays().missedEvents(), f(report.pooledFalseAlarmsPerHour())));
        for (NabResult nab : report.nab()) {
            out.append(nab(nab));
        }
        return out.toString();
    }

    public static String nab(NabResult nab) {
        return String.format(Locale.ROOT, "NAB %-20s %8.2f  (threshold %s, raw %.4f, null %.4f, perfect %.4f)%n",
                nab.profile().name(), nab.normalizedScore(), nab.threshold(), nab.rawScore(), nab.nullScore(), nab.perfectScore());
    }

    public static String rca(RcaScore score) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-20s %6s %6s %6s %6s %6s %6s %6s%n", "kind", "faults", "AC@1", "AC@2", "AC@3", "AC@4", "AC@5", "Avg@5"));
        score.byKind().forEach((kind, a) -> out.append(row(kind, a)));
        out.append(row("all", score.overall()));
        return out.toString();
    }

    private static String row(String name, RcaScore.Accuracy a) {
        return String.format(Locale.ROOT, "%-20s %6d %6s %6s %6s %6s %6s %6s%n", name, a.faults(),
                f(a.acAtK()[0]), f(a.acAtK()[1]), f(a.acAtK()[2]), f(a.acAtK()[3]), f(a.acAtK()[4]), f(a.avgAtK()));
    }

    private static String f(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String d(Duration value) {
        return value == null ? "-" : value.toString();
    }
}
