package dev.microsim.report.suite;

import dev.microsim.detector.dataset.Dataset;
import dev.microsim.detector.dataset.MicroSimDatasetReader;
import dev.microsim.detector.incident.Incident;
import dev.microsim.detector.incident.IncidentDetector;
import dev.microsim.detector.incident.IncidentJson;
import dev.microsim.detector.io.InputException;
import dev.microsim.detector.logs.FrequencyParser;
import dev.microsim.detector.pipeline.BuiltInPipelines;
import dev.microsim.detector.pipeline.DetectionWriter;
import dev.microsim.detector.pipeline.Progress;
import dev.microsim.detector.rank.ObservationReader;
import dev.microsim.detector.rank.Observations;
import dev.microsim.detector.rank.Rankers;
import dev.microsim.detector.rank.RootCauseRanker;
import dev.microsim.detector.rank.TimeGrid;
import dev.microsim.detector.rca.IncidentMatcher;
import dev.microsim.detector.telemetry.Telemetry;
import dev.microsim.detector.telemetry.TelemetryReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The entrants MicroSim brings to a suite's leaderboard, each run on every finished case exactly as
 * the CLI runs it on one dataset, its output kept in {@code OUT/entrants/<name>/<case id>/}:
 * <ul>
 *   <li>{@code microsim}: what {@code microsim detect --dataset} runs: the built-in detection
 *       pipeline ({@code alarms.csv} are its predictions, with {@code scores.csv},
 *       {@code services.csv}, {@code detection.json}) and the propagation ranker over its incidents;</li>
 *   <li>{@code nsigma}, {@code baro}, {@code most-anomalous}: what {@code microsim rank --ranker NAME}
 *       runs: the same incident detector, ranked by the baseline instead. Rankers only: no
 *       detection scores.</li>
 * </ul>
 * Every entrant sees the case's label-free telemetry only. The labels are opened afterwards, on the
 * scorer's side, to match incidents to faults ({@code ranking.json}) as {@code detect} and
 * {@code rank} do. A case's directory is written under a temporary name and renamed when whole, so
 * a killed score leaves no half case, and a case already there is not computed again.
 */
public final class BuiltInEntrants {

    /** Every built-in entrant, in the order they are computed and listed. */
    public static final List<String> NAMES = Rankers.NAMES;
    public static final String DETECTOR = "microsim";

    private final List<String> selected;
    private final PrintWriter out;

    /** @param selected names from {@link #NAMES} */
    public BuiltInEntrants(List<String> selected, PrintWriter out) {
        for (String name : selected) {
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("\"" + name + "\" is not a built-in entrant (" + String.join(", ", NAMES) + ")");
            }
        }
        this.selected = List.copyOf(selected);
        this.out = out;
    }

    public static Path dir(Path suiteDir, String name) {
        return suiteDir.resolve("entrants").resolve(name);
    }

    /** Computes what is missing for every finished case; returns the entrants, in {@link #NAMES} order. */
    public List<Entrant> run(SuiteDirectory suite) throws IOException, InputException {
        List<String> names = NAMES.stream().filter(selected::contains).toList();
        List<SuiteCaseInfo> cases = suite.finished();
        int done = 0;
        long lastLine = System.nanoTime();
        for (SuiteCaseInfo c : cases) {
            List<String> missing = names.stream().filter(n -> !Files.isDirectory(dir(suite.root(), n).resolve(c.id()))).toList();
            if (!missing.isEmpty()) {
                runCase(suite.root(), c, missing);
            }
            done++;
            if (System.nanoTime() - lastLine > 10_000_000_000L || done == cases.size()) {
                out.printf(Locale.ROOT, "built-in entrants (%s): %d of %d cases%n", String.join(", ", names), done, cases.size());
                out.flush();
                lastLine = System.nanoTime();
            }
        }
        return names.stream().map(n -> new Entrant(n, dir(suite.root(), n), description(n))).toList();
    }

    private void runCase(Path root, SuiteCaseInfo c, List<String> names) throws IOException, InputException {
        // Label-free first: the telemetry alone, as detect and rank read it.
        Telemetry telemetry = new TelemetryReader().read(c.dir());
        Observations observations = new ObservationReader(new FrequencyParser()).read(telemetry);
        List<Staged> staged = new ArrayList<>();
        for (String name : names) {
            Path temp = dir(root, name).resolve("." + c.id() + ".tmp");
            Directories.deleteTree(temp);
            Files.createDirectories(temp);
            if (name.equals(DETECTOR)) {
                new DetectionWriter().write(BuiltInPipelines.standard().run(telemetry, Progress.NONE), telemetry, temp);
            }
            RootCauseRanker ranker = ranker(name);
            IncidentDetector detector = new IncidentDetector(ranker);
            List<Incident> incidents = detector.detect(observations);
            IncidentJson.write(IncidentJson.json(telemetry.source(), detector.description(), ranker.description(), observations.notes(),
                    incidents), temp.resolve("incidents.json"));
            staged.add(new Staged(name, temp, incidents));
        }
        // Scorer side: only now are the labels read, to say which incident was about which fault.
        Dataset dataset = new MicroSimDatasetReader().read(c.dir());
        TimeGrid grid = observations.grid();
        for (Staged s : staged) {
            var match = new IncidentMatcher().match(s.incidents(), dataset.faults(), grid.instant(0), grid.instant(grid.bins()));
            IncidentJson.write(IncidentJson.ranking(match.rankings()), s.temp().resolve(Entrant.RANKING));
            Files.move(s.temp(), dir(root, s.name()).resolve(c.id()), StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private record Staged(String name, Path temp, List<Incident> incidents) {
    }

    /** What the entrant is, for the leaderboard. */
    static String description(String name) {
        IncidentDetector incidents = new IncidentDetector(ranker(name));
        return name.equals(DETECTOR)
                ? "built-in (microsim detect --dataset): the detection pipeline's alarms; " + incidents.description()
                : "baseline ranker (microsim rank --ranker " + name + "): " + ranker(name).description() + "; " + incidents.description();
    }

    static RootCauseRanker ranker(String name) {
        return Rankers.byName(name).orElseThrow(() -> new IllegalArgumentException("no built-in ranker \"" + name + "\""));
    }
}
