package dev.microsim.report.suite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A detector and/or ranker on the leaderboard, by its output for every case:
 * {@code <dir>/<case id>/predictions.csv} (or {@code alarms.csv}, the built-in detector's
 * decisions, so a directory of {@code microsim detect --results} outputs is an entrant as it is)
 * and {@code <dir>/<case id>/ranking.json}. A case it
 * has no file for counts against it: its faults are unranked (AC@k 0) and, for detection, a
 * missing case is counted as missing (see {@link SuiteScore.EntrantScore#casesWithoutPredictions}).
 */
public record Entrant(String name, Path dir, String description) {

    public static final String PREDICTIONS = "predictions.csv";
    public static final String RANKING = "ranking.json";
    /** What {@code microsim detect} writes as its decisions, 0/1 per point of every series. */
    public static final String ALARMS = "alarms.csv";

    public Entrant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(description, "description");
    }

    /** An entrant known only by its files. */
    public Entrant(String name, Path dir) {
        this(name, dir, "files in " + dir);
    }

    Optional<Path> predictions(SuiteCaseInfo c) {
        return Stream.of(PREDICTIONS, ALARMS).map(dir.resolve(c.id())::resolve).filter(Files::isRegularFile).findFirst();
    }

    Optional<Path> ranking(SuiteCaseInfo c) {
        Path file = dir.resolve(c.id()).resolve(RANKING);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }
}
