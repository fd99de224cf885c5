package dev.microsim.detector.bench;

import dev.microsim.detector.classify.Perceptron;
import dev.microsim.detector.detect.Detector;
import dev.microsim.detector.detect.PointStream;
import dev.microsim.detector.metrics.EventCounts;
import dev.microsim.detector.metrics.IndexRange;
import dev.microsim.detector.pipeline.PerceptronChooser;
import dev.microsim.detector.pipeline.SeriesPlan;
import dev.microsim.detector.pipeline.TunedParameters;
import dev.microsim.detector.telemetry.MetricSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Recovery after a sudden change of a series' character: a stationary series (level 100, noise sd 2)
 * with a short spike every 300 points; at point {@link #CHANGE} a daily-like pattern (period 60,
 * amplitude 30) and a new level appear and the spikes go on. The fixed detector keeps what the
 * perceptron chose on the first points; the re-tuned one watches the character and re-chooses
 * ({@code RetuningStream}). Prints event-wise F1 per 600-point stretch after the change, both side
 * by side, over seeds 1..N. Usage: {@code CharacterChangeBench [seeds]}.
 */
public final class CharacterChangeBench {

    static final int LENGTH = 9000;
    static final int CHANGE = 3000;
    static final int SPIKE_EVERY = 300;
    static final int STRETCH = 600;

    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int stretches = (LENGTH - CHANGE) / STRETCH;
        double[][] fixed = new double[seeds][stretches];
        double[][] retuned = new double[seeds][stretches];
        double[] before = new double[2];
        for (int s = 0; s < seeds; s++) {
            Random random = new Random(s + 1);
            double[] values = new double[LENGTH];
            List<IndexRange> events = new ArrayList<>();
            for (int i = 0; i < LENGTH; i++) {
                double v = 100 + 2 * random.nextGaussian();
                if (i >= CHANGE) {
                    v += 50 + 30 * Math.sin(2 * Math.PI * i / 60);
                }
                values[i] = v;
            }
            for (int start = SPIKE_EVERY / 2; start + 3 < LENGTH; start += SPIKE_EVERY) {
                for (int k = 0; k < 3; k++) {
                    values[start + k] += 25;
                }
                events.add(new IndexRange(start, start + 2));
            }
            long[] times = new long[LENGTH];
            for (int i = 0; i < LENGTH; i++) {
                times[i] = 1_800_000_000_000L + i * 1000L;
            }
            MetricSeries series = MetricSeries.ofName("svc//x", times, values);
            TunedParameters.Tuned tuned = TunedParameters.untuned();
            boolean[] alarmsFixed = alarms(new PerceptronChooser(new Perceptron(), tuned.classes(), 600, 0), series);
            boolean[] alarmsRetuned = alarms(new PerceptronChooser(new Perceptron(), tuned.classes(), 600, 240), series);
            before[0] += f1(alarmsFixed, events, 0, CHANGE) / seeds;
            before[1] += f1(alarmsRetuned, events, 0, CHANGE) / seeds;
            for (int k = 0; k < stretches; k++) {
                int from = CHANGE + k * STRETCH;
                fixed[s][k] = f1(alarmsFixed, events, from, from + STRETCH);
                retuned[s][k] = f1(alarmsRetuned, events, from, from + STRETCH);
            }
        }
        System.out.printf("seeds=%d; event-wise F1, mean over seeds%n", seeds);
        System.out.printf("%-22s %8s %8s%n", "stretch", "fixed", "re-tuned");
        System.out.printf("%-22s %8.2f %8.2f%n", "before the change", before[0], before[1]);
        for (int k = 0; k < stretches; k++) {
            double f = 0, r = 0;
            for (int s = 0; s < seeds; s++) {
                f += fixed[s][k] / seeds;
                r += retuned[s][k] / seeds;
            }
            System.out.printf("%-22s %8.2f %8.2f%n", "+" + k * STRETCH + ".." + (k + 1) * STRETCH, f, r);
        }
    }

    static boolean[] alarms(PerceptronChooser chooser, MetricSeries series) {
        SeriesPlan plan = chooser.plan(series);
        PointStream stream = chooser.stream(plan);
        boolean[] alarms = new boolean[series.size()];
        for (int i = 0; i < series.size(); i++) {
            alarms[i] = stream.next(series.values()[i]) >= 1;
        }
        return alarms;
    }

    static double f1(boolean[] alarms, List<IndexRange> events, int from, int to) {
        boolean[] slice = java.util.Arrays.copyOfRange(alarms, from, to);
        List<IndexRange> inside = new ArrayList<>();
        for (IndexRange e : events) {
            if (e.first() >= from && e.last() < to) {
                inside.add(new IndexRange(e.first() - from, e.last() - from));
            }
        }
        double f = EventCounts.of(slice, inside).f1();
        return Double.isNaN(f) ? 0 : f;
    }
}
