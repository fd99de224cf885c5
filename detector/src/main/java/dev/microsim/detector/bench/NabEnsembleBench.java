package dev.microsim.detector.bench;

import dev.microsim.detector.context.RangeTrackingCad;
import dev.microsim.detector.context.RestPeriod;
import dev.microsim.detector.detect.EwmaDetector;
import dev.microsim.detector.detect.PointStream;
import dev.microsim.detector.nab.NabDirectory;
import dev.microsim.detector.nab.NabProfile;
import dev.microsim.detector.nab.NabSeries;
import dev.microsim.detector.nab.NabSweeper;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Ensembles of stream detectors on NAB, every one without look-ahead: each file's raw component
 * scores are computed once (and cached under {@code --cache DIR}), then each combination is folded
 * point by point, put through CAD's rest period (a fifth of the probationary period after a score
 * of 0.75), and scored with the corpus-wide optimised threshold per profile on the whole corpus and
 * on halves A and B ({@link NabScoreTable#halves}): choose on A, report on B.
 *
 * <p>Components: {@code cad} (CAD OSE, range from the probationary period, grown by new extremes),
 * {@code cad4} (the same with 16 bins), {@code caddiff} (CAD on first differences), {@code ewma},
 * {@code ewmadiff} (EWMA z-scores of values and of first differences). A combination is
 * {@code OP:TERM,TERM...} with OP {@code max} or {@code mean}, a TERM a component, optionally
 * {@code component@K} to map a z-score to {@code z / (z + K)} in [0, 1).
 *
 * <p>{@code --rest D}: rest for the probationary period over D after an alarm-level score (the
 * reference's 5).
 *
 * <p>Usage: {@code NabEnsembleBench NAB_DIR [--threads 2] [--cache DIR] [--rest 5] COMBINATION...}
 */
public final class NabEnsembleBench {

    public static void main(String[] args) throws Exception {
        NabDirectory nab = NabDirectory.open(Path.of(args[0]));
        int threads = 2;
        Path cache = null;
        double restDivisor = 5;
        List<String> combos = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--cache" -> cache = Path.of(args[++i]);
                case "--rest" -> restDivisor = Double.parseDouble(args[++i]);
                default -> combos.add(args[i]);
            }
        }
        List<NabSeries> series = nab.readSeries();
        List<List<NabSeries>> halves = NabScoreTable.halves(series);
        Map<String, Map<String, double[]>> components = new HashMap<>();
        for (String combo : combos) {
            for (String term : terms(combo)) {
                String name = term.split("@")[0];
                if (!components.containsKey(name)) {
                    components.put(name, component(name, series, threads, cache));
                }
            }
        }
        for (String combo : combos) {
            Map<String, double[]> scores = new LinkedHashMap<>();
            for (NabSeries s : series) {
                scores.put(s.name(), combine(combo, s, components, restDivisor));
            }
            NabScoreTable table = NabScoreTable.of(scores);
            List<String> line = new ArrayList<>();
            for (NabProfile profile : NabProfile.official()) {
                line.add(String.format("%s %6.2f (A %6.2f, B %6.2f)", profile.name(), table.score(series, profile).normalizedScore(),
                        table.score(halves.get(0), profile).normalizedScore(), table.score(halves.get(1), profile).normalizedScore()));
            }
            System.out.printf("%-32s rest /%s  %s%n", combo, restDivisor, String.join("  ", line));
        }
    }

    private static List<String> terms(String combo) {
        int colon = combo.indexOf(':');
        return colon < 0 ? List.of(combo) : List.of(combo.substring(colon + 1).split(","));
    }

    private static double[] combine(String combo, NabSeries s, Map<String, Map<String, double[]>> components, double restDivisor) {
        int colon = combo.indexOf(':');
        String op = colon < 0 ? "max" : combo.substring(0, colon);
        List<double[]> parts = new ArrayList<>();
        for (String term : terms(combo)) {
            String[] nameAndK = term.split("@");
            double[] raw = components.get(nameAndK[0]).get(s.name());
            if (nameAndK.length == 2) {
                double k = Double.parseDouble(nameAndK[1]);
                raw = Arrays.stream(raw).map(z -> z / (z + k)).toArray();
            }
            parts.add(raw);
        }
        int n = s.values().length;
        RestPeriod rest = new RestPeriod((int) (NabSweeper.probationLength(n, NabSweeper.DEFAULT_PROBATION_FRACTION) / restDivisor), 0.75);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double v = op.equals("mean") ? 0 : Double.NEGATIVE_INFINITY;
            for (double[] p : parts) {
                v = switch (op) {
                    case "max" -> Math.max(v, p[i]);
                    case "mean" -> v + p[i] / parts.size();
                    default -> throw new IllegalArgumentException("combination " + combo + ": operation must be max or mean");
                };
            }
            out[i] = rest.filter(v);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, double[]> component(String name, List<NabSeries> series, int threads, Path cache) throws Exception {
        Path file = cache == null ? null : cache.resolve(name + ".bin");
        if (file != null && Files.isRegularFile(file)) {
            try (var in = new ObjectInputStream(Files.newInputStream(file))) {
                return (Map<String, double[]>) in.readObject();
            }
        }
        Function<double[], double[]> f = switch (name) {
            case "cad" -> v -> cad(v, 3);
            case "cad4" -> v -> cad(v, 4);
            case "caddiff" -> v -> cad(diff(v), 3);
            case "ewma" -> NabEnsembleBench::ewmaZ;
            case "ewmadiff" -> v -> ewmaZ(diff(v));
            default -> throw new IllegalArgumentException("unknown component " + name);
        };
        long start = System.nanoTime();
        NabScoreTable table = NabScoreTable.run(series, f, threads);
        Map<String, double[]> scores = new HashMap<>();
        series.forEach(s -> scores.put(s.name(), table.of(s.name())));
        System.out.printf("component %s: %d ms%n", name, (System.nanoTime() - start) / 1_000_000);
        if (file != null) {
            Files.createDirectories(cache);
            try (var out = new ObjectOutputStream(Files.newOutputStream(file))) {
                out.writeObject(new HashMap<>(scores));
            }
        }
        return scores;
    }

    private static double[] cad(double[] values, int bits) {
        int probation = Math.max(1, (int) NabSweeper.probationLength(values.length, NabSweeper.DEFAULT_PROBATION_FRACTION));
        double[] known = Arrays.copyOf(values, Math.min(probation, values.length));
        RangeTrackingCad cad = new RangeTrackingCad(Arrays.stream(known).min().orElseThrow(), Arrays.stream(known).max().orElseThrow(),
                0, 1000, bits);
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = cad.next(values[i]);
        }
        return out;
    }

    private static double[] ewmaZ(double[] values) {
        PointStream stream = EwmaDetector.KIND.create(Map.of("threshold", 1.0)).stream();
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = stream.next(values[i]);
        }
        return out;
    }

    private static double[] diff(double[] values) {
        double[] d = new double[values.length];
        for (int i = 1; i < values.length; i++) {
            d[i] = values[i] - values[i - 1];
        }
        return d;
    }
}
