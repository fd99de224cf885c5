package dev.microsim.detector.rank;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RCAEval's two scaler baselines: fit a scaler on each column's normal period, score the column by
 * the largest scaled value in the anomalous period (upward only, as RCAEval takes {@code max}, not
 * {@code max |z|}), rank columns, and rank services by their best column. As RCAEval's
 * {@code preprocess}, a column that is constant in the normal period or in the anomalous period is
 * dropped, and a scale of 0 becomes 1 (scikit-learn). Metrics only by default, as in RCAEval.
 */
abstract sealed class ScalerRanker implements RootCauseRanker permits NSigmaRanker, BaroRanker {

    private final boolean metricsOnly;

    ScalerRanker(boolean metricsOnly) {
        this.metricsOnly = metricsOnly;
    }

    /** {center, scale} of the normal period's finite values, sorted. */
    abstract double[] fit(double[] sortedNormal);

    boolean metricsOnly() {
        return metricsOnly;
    }

    @Override
    public Ranking rank(Observations observations, IncidentWindow window) {
        record Scored(Signal signal, double score, int at) {
        }
        List<Scored> scored = new ArrayList<>();
        for (Signal signal : observations.signals()) {
            if (metricsOnly && signal.source() != Signal.Source.METRIC) {
                continue;
            }
            double[] normal = RobustStats.sortedFinite(signal.values(), window.baselineStart(), window.onset());
            double[] anomalous = RobustStats.sortedFinite(signal.values(), window.onset(), window.end() + 1);
            if (normal.length == 0 || anomalous.length == 0 || normal[0] == normal[normal.length - 1]
                    || anomalous[0] == anomalous[anomalous.length - 1]) {
                continue; // RCAEval's drop_constant on each period
            }
            double[] fit = fit(normal);
            double scale = fit[1] == 0 ? 1 : fit[1];
            double best = Double.NEGATIVE_INFINITY;
            int at = window.onset();
            for (int i = window.onset(); i <= window.end(); i++) {
                double v = signal.values()[i];
                if (Double.isFinite(v) && (v - fit[0]) / scale > best) {
                    best = (v - fit[0]) / scale;
                    at = i;
                }
            }
            scored.add(new Scored(signal, best, at));
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed());
        Map<String, Candidate> byService = new LinkedHashMap<>();
        for (Scored s : scored) {
            byService.computeIfAbsent(s.signal().service(), service -> new Candidate(service, s.score(), List.of(
                    new Evidence(s.signal().name(), s.score(), observations.grid().instant(s.at()), "highest scaled value"))));
        }
        List<Candidate> candidates = new ArrayList<>(byService.values());
        for (String service : observations.services()) {
            if (!byService.containsKey(service)) {
                candidates.add(new Candidate(service, Double.NEGATIVE_INFINITY, List.of()));
            }
        }
        List<String> notes = new ArrayList<>();
        if (scored.isEmpty()) {
            notes.add("every column was constant in the normal or the anomalous period: no ranking information");
        }
        return new Ranking(name(), candidates, notes);
    }
}
