package dev.microsim.report.suite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A detector and/or ranker on the leaderboard, by its output for every case:
 * {@code <dir>/<case id>/predictions.csv} and {@code <dir>/<case id>/ranking.json}. A case it
 * has no file for counts against it: its faults are unranked (AC@k 0) and, for detection, a
 * missing case is counted as missing (see {@link SuiteScore.EntrantScore#casesWithoutPredictions}).
 */
public record Entrant(String name, Path dir) {

    public static final String PREDICTIONS = "predictions.csv";
    public static final String RANKING = "ranking.json";

    public Entrant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dir, "dir");
    }

    Optional<Path> predictions(SuiteCaseInfo c) {
        Path file = dir.resolve(c.id()).resolve(PREDICTIONS);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    Optional<Path> ranking(SuiteCaseInfo c) {
        Path file = dir.resolve(c.id()).resolve(RANKING);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }
}
