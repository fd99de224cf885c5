package dev.microsim.detector.incident;

import dev.microsim.detector.rank.Observations;
import dev.microsim.detector.rank.TimeGrid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * MicroSim's own anomaly source for incidents ({@link AnomalyTimeline}): a service is anomalous at a
 * bin when one of its detection signals scores at least {@code threshold} against its trailing
 * {@code history} (ending {@code guard} before the bin, so a slow onset does not hide itself), there
 * and in a neighbouring bin (a one-bin spike, a GC pause or a scheduling hiccup on a shared
 * machine, is not an incident), or at least half of it for most of the bins around it (a moderate
 * shift that lasts). History counts from the first bin with traffic, and scoring starts
 * once {@code warmUp} of it exists. During a whole-mesh stall ({@link MeshStall}) only the signals
 * a stall cannot raise count. Defaults chosen on the seed-1 runs only.
 *
 * <p>Streaming: no z uses data after its bin, but the rules look ahead (the neighbouring bin, the
 * centred window of the lasting-shift rule, the stall's widening) and the last bins of a dataset
 * are not scored, so the verdict for a bin is final {@link #decisionDelayBins()} bins later. A
 * streaming detector that waits that long and dates the incident from its first anomalous bin
 * gives exactly this output (IncidentDetectorTest checks it by cutting the data short).
 */
public record RobustAnomalies(Duration history, Duration guard, double threshold, Duration warmUp, MeshStall stall) implements ServiceAnomalies {

    private static final double CAP = 100;
    /**
     * A moderate shift that lasts is anomalous too: z at least this share of the threshold at the
     * bin and in {@link #SUSTAINED_BINS} of the {@link #SUSTAINED_WINDOW} bins centred on it (a
     * slow disk adds a few milliseconds to every call and never spikes). Chosen on seed 1: 9 bins
     * needing 7, 8 or 9 of them, and 11 needing 10, all gave the same incidents there (36 of 36); these are mid-range.
     */
    static final double SUSTAINED_SHARE = 0.5;
    static final int SUSTAINED_WINDOW = 9;
    static final int SUSTAINED_BINS = 8;

    public RobustAnomalies {
        List<String> problems = new ArrayList<>();
        if (history == null || history.compareTo(Duration.ofSeconds(10)) < 0) {
            problems.add("history: must be at least 10s, was " + history);
        }
        if (guard == null || guard.isNegative()) {
            problems.add("guard: must be >= 0, was " + guard);
        }
        if (warmUp == null || warmUp.compareTo(Duration.ofSeconds(5)) < 0 || (history != null && warmUp.compareTo(history) > 0)) {
            problems.add("warmUp: must be at least 5s and at most the history (" + history + "), was " + warmUp);
        }
        if (stall == null) {
            problems.add("stall: must be given (MeshStall.OFF for none), was null");
        }
        if (!(threshold > 0)) {
            problems.add("threshold: must be > 0, was " + threshold);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    public static RobustAnomalies defaults() {
        return new RobustAnomalies(Duration.ofSeconds(120), Duration.ofSeconds(5), 12, Duration.ofSeconds(30), MeshStall.defaults());
    }

    public RobustAnomalies withThreshold(double z) {
        return new RobustAnomalies(history, guard, z, warmUp, stall);
    }

    public RobustAnomalies withWarmUp(Duration least) {
        return new RobustAnomalies(history, guard, threshold, least, stall);
    }

    public RobustAnomalies withStall(MeshStall filter) {
        return new RobustAnomalies(history, guard, threshold, warmUp, filter);
    }

    /**
     * How many bins after a bin its verdict is final: the lasting-shift window's half (it reaches
     * furthest ahead; the two-bin rule needs one), the stall's widening on top, and the
     * {@link AnomalyTimeline#TAIL_BINS} a dataset's end leaves unscored.
     */
    public int decisionDelayBins() {
        return SUSTAINED_WINDOW / 2 + stall.spread() + AnomalyTimeline.TAIL_BINS;
    }

    @Override
    public String description() {
        return "robust z of golden signals against a trailing " + history.toSeconds() + " s history (at least " + warmUp.toSeconds()
                + " s of it after the load starts) >= " + threshold + " for two bins, or >= " + threshold * SUSTAINED_SHARE + " for "
                + SUSTAINED_BINS + " of " + SUSTAINED_WINDOW + (stall.off() ? "" : "; " + stall.description());
    }

    @Override
    public List<Set<String>> anomalousByBin(Observations observations) {
        TimeGrid grid = observations.grid();
        int historyBins = grid.binsFor(history.toMillis());
        int guardBins = guard.isZero() ? 0 : grid.binsFor(guard.toMillis());
        AnomalyTimeline timeline = new AnomalyTimeline(observations, historyBins, guardBins, grid.binsFor(warmUp.toMillis()), CAP);
        boolean[] stalled = stall.stallBins(timeline, grid.bins(), threshold);
        List<Set<String>> anomalous = new ArrayList<>();
        for (int b = 0; b < grid.bins(); b++) {
            anomalous.add(new HashSet<>());
        }
        for (String s : timeline.services()) {
            double[] all = timeline.scores(s);
            double[] proof = stall.off() ? all : timeline.maxOf(s, MeshStall.STALL_PROOF);
            double[] z = new double[all.length];
            for (int b = 0; b < z.length; b++) {
                z[b] = stalled[b] ? proof[b] : all[b]; // in a stall only what a stall cannot make counts
            }
            for (int b = 0; b < z.length; b++) {
                boolean here = z[b] >= threshold;
                boolean neighbour = (b > 0 && z[b - 1] >= threshold) || (b + 1 < z.length && z[b + 1] >= threshold);
                boolean sustained = sustained(z, b, threshold * SUSTAINED_SHARE);
                if ((here && neighbour) || sustained) {
                    anomalous.get(b).add(s);
                }
            }
        }
        return anomalous;
    }

    private static boolean sustained(double[] z, int b, double low) {
        if (z[b] < low) {
            return false;
        }
        int n = 0;
        for (int d = Math.max(0, b - SUSTAINED_WINDOW / 2); d <= Math.min(z.length - 1, b + SUSTAINED_WINDOW / 2); d++) {
            n += z[d] >= low ? 1 : 0;
        }
        return n >= SUSTAINED_BINS;
    }
}
