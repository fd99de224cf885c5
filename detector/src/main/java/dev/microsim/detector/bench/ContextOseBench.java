package dev.microsim.detector.bench;

import dev.microsim.detector.nab.NabDirectory;
import dev.microsim.detector.nab.NabProfile;
import dev.microsim.detector.nab.NabResult;
import dev.microsim.detector.nab.NabSeries;
import dev.microsim.detector.pipeline.NabContextOse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CAD OSE on NAB side by side: the published reference set-up (the whole file's range, a
 * look-ahead NAB's runner allows) and the stream set-ups that know only the past (the probationary
 * period's range, fixed or grown by new extremes, widened by a margin). Each is scored with the
 * corpus-wide optimised threshold on the whole corpus and on the two halves
 * ({@link NabScoreTable#halves}): a setting chosen on one half is to be reported on the other. The
 * reference is also scored at NAB's own thresholds for CAD OSE (config/thresholds.json), whose raw
 * scores NAB recorded beside them.
 *
 * <p>Usage: {@code ContextOseBench NAB_DIR [threads] [variant ...]}, variants {@code reference},
 * {@code probation:MARGIN}, {@code tracking:MARGIN} (default: all of reference, tracking:0, 0.1, 0.25).
 */
public final class ContextOseBench {

    public static void main(String[] args) throws Exception {
        NabDirectory nab = NabDirectory.open(Path.of(args[0]));
        List<NabSeries> series = nab.readSeries();
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        List<String> names = args.length > 2 ? List.of(args).subList(2, args.length)
                : List.of("reference", "tracking:0", "tracking:0.1", "tracking:0.25");
        Map<String, NabContextOse> variants = new LinkedHashMap<>();
        for (String name : names) {
            variants.put(name, parse(name));
        }
        List<List<NabSeries>> halves = NabScoreTable.halves(series);
        for (var variant : variants.entrySet()) {
            long start = System.nanoTime();
            NabScoreTable table = NabScoreTable.run(series, variant.getValue()::score, threads);
            List<String> line = new ArrayList<>();
            for (NabProfile profile : NabProfile.official()) {
                line.add(String.format("%s %6.2f (A %6.2f, B %6.2f)", profile.name(), table.score(series, profile).normalizedScore(),
                        table.score(halves.get(0), profile).normalizedScore(), table.score(halves.get(1), profile).normalizedScore()));
            }
            System.out.printf("%-16s %s  [%d ms]%n", variant.getKey(), String.join("  ", line), (System.nanoTime() - start) / 1_000_000);
            if (variant.getKey().equals("reference")) {
                for (NabProfile profile : NabProfile.official()) {
                    double threshold = nab.officialThreshold("contextOSE", profile.name()).orElseThrow();
                    NabResult r = table.scoreAt(series, profile, threshold);
                    System.out.printf("  at NAB's threshold %.11f: %s raw %.10f, normalised %.4f%n", threshold, profile.name(),
                            r.rawScore(), r.normalizedScore());
                }
            }
        }
    }

    private static NabContextOse parse(String name) {
        if (name.equals("reference")) {
            return NabContextOse.reference();
        }
        String[] parts = name.split(":", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("variant " + name + ": expected reference, probation:MARGIN or tracking:MARGIN");
        }
        double margin = Double.parseDouble(parts[1]);
        return switch (parts[0]) {
            case "probation" -> new NabContextOse(NabContextOse.Range.PROBATION, margin, 1);
            case "tracking" -> new NabContextOse(NabContextOse.Range.TRACKING, margin, 1000);
            default -> throw new IllegalArgumentException("variant " + name + ": expected reference, probation:MARGIN or tracking:MARGIN");
        };
    }
}
