package dev.microsim.detector.bench;

import dev.microsim.detector.dataset.Dataset;
import dev.microsim.detector.dataset.Fault;
import dev.microsim.detector.pipeline.DetectionResult;
import dev.microsim.detector.pipeline.ServiceEpisode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Event-wise scoring of service episodes against a run's faults (the scorer's side: it holds the
 * labels, the detector never did). A fault is <em>detected</em> when an episode of a service it
 * affected (or of its root cause) overlaps its window, extended by {@code grace} after its end
 * (metrics take a few seconds to settle after a recovery). An episode is <em>true</em> when it
 * overlaps such an extended window of a fault affecting its service, else a false alarm. Per fault
 * kind: an episode is attributed to the kind of the fault whose slot (from {@code slotBefore} before
 * its start to the next fault's slot) holds the episode's onset.
 */
public final class FaultEval {

    public record Counts(long faults, long detected, long episodes, long trueEpisodes) {
        public Counts plus(Counts o) {
            return new Counts(faults + o.faults, detected + o.detected, episodes + o.episodes, trueEpisodes + o.trueEpisodes);
        }

        public double recall() {
            return faults == 0 ? Double.NaN : (double) detected / faults;
        }

        public double precision() {
            return episodes == 0 ? Double.NaN : (double) trueEpisodes / episodes;
        }

        public double f1() {
            double p = precision(), r = recall();
            if (Double.isNaN(p) || Double.isNaN(r)) {
                return episodes == 0 && faults > 0 ? 0 : Double.NaN;
            }
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    private final long graceMillis;
    private final long slotBeforeMillis;

    public FaultEval(long graceMillis, long slotBeforeMillis) {
        this.graceMillis = graceMillis;
        this.slotBeforeMillis = slotBeforeMillis;
    }

    public FaultEval() {
        this(10_000, 30_000);
    }

    /** Counts per fault kind ({@code "(none)"}: episodes before the first fault's slot), in kind order. */
    public Map<String, Counts> byKind(Dataset dataset, DetectionResult result) {
        List<Fault> faults = new ArrayList<>(dataset.faults());
        faults.sort(java.util.Comparator.comparing(f -> f.window().start()));
        Map<String, Counts> byKind = new TreeMap<>();
        for (Fault fault : faults) {
            boolean detected = result.episodes().stream().anyMatch(e -> hits(e, fault));
            byKind.merge(fault.kind(), new Counts(1, detected ? 1 : 0, 0, 0), Counts::plus);
        }
        for (ServiceEpisode episode : result.episodes()) {
            boolean real = faults.stream().anyMatch(f -> hits(episode, f));
            String kind = "(none)";
            for (Fault f : faults) {
                if (episode.onsetMillis() >= f.window().start().toEpochMilli() - slotBeforeMillis) {
                    kind = f.kind();
                }
            }
            byKind.merge(kind, new Counts(0, 0, 1, real ? 1 : 0), Counts::plus);
        }
        return byKind;
    }

    public Counts total(Dataset dataset, DetectionResult result) {
        return byKind(dataset, result).values().stream().reduce(new Counts(0, 0, 0, 0), Counts::plus);
    }

    /** Whether the episode is of a service the fault touched and overlaps its window extended by the grace period. */
    public boolean hits(ServiceEpisode episode, Fault fault) {
        List<String> services = fault.affected().isEmpty() ? fault.rootCauses() : fault.affected();
        if (!services.contains(episode.service()) && !fault.rootCauses().contains(episode.service())) {
            return false;
        }
        long start = fault.window().start().toEpochMilli();
        long end = fault.window().end().toEpochMilli();
        long extended = end == Long.MAX_VALUE ? end : end + graceMillis;
        return episode.onsetMillis() <= extended && episode.endMillis() >= start;
    }
}
