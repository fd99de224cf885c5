package dev.microsim.report.suite;

import dev.microsim.detector.cli.HumanDuration;
import dev.microsim.detector.io.InputException;
import dev.microsim.detector.external.DetectorCommand;
import dev.microsim.report.HeadlessChromium;
import dev.microsim.report.SuiteReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code microsim suite score DIR}: the leaderboard of a suite run: the built-in entrants
 * ({@link BuiltInEntrants}), a third-party {@code --command} and any {@code --entrant} directories,
 * side by side.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Score detectors and rankers over every finished case of a suite run; write DIR/suite-score.json,",
                "DIR/suite-report.html (leaderboard, per fault kind) and DIR/suite-report.md.",
                "The built-in pipeline (as microsim detect --dataset) and the NSigma, BARO and most-anomalous rankers are entrants by default.",
                "Exit codes: 0 ok, 1 bad input, unfinished cases (without --allow-unfinished) or a failed --command, 2 usage error."})
public final class SuiteScoreCommand implements Callable<Integer> {

    /** The screenshot's size: the leaderboard, the per-kind table and both charts of a 10-kind suite. */
    static final int SCREENSHOT_WIDTH = 1400;
    static final int SCREENSHOT_HEIGHT = 1500;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "the output directory of microsim suite run")
    Path dir;

    @Option(names = "--entrant", paramLabel = "NAME=DIR",
            description = "a detector/ranker by its files DIR/<case id>/predictions.csv and/or ranking.json (repeatable)")
    List<String> entrants = new ArrayList<>();

    @Option(names = "--command", paramLabel = "CMD",
            description = "a third-party detector run on every case, e.g. \"python3 mydet.py {input} {output}\"; predictions kept in DIR/entrants/<name>/")
    String command;

    @Option(names = "--name", defaultValue = "command", description = "the leaderboard name of --command (default: ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--timeout", defaultValue = "10m", converter = HumanDuration.class, description = "per case, for --command (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--threshold", description = "alarm when score >= this (default as for microsim score)")
    Double threshold;

    @Option(names = "--builtin", paramLabel = "NAMES", split = ",", defaultValue = "microsim,nsigma,baro,most-anomalous",
            description = "built-in entrants, comma-separated, or none (default: ${DEFAULT-VALUE}); outputs kept in DIR/entrants/<name>/")
    List<String> builtin;

    @Option(names = "--screenshot", paramLabel = "PNG", description = "also save a screenshot of the report's top (needs chromium installed)")
    Path screenshot;

    @Option(names = "--allow-unfinished", description = "score the finished cases even if some are not finished (they are listed)")
    boolean allowUnfinished;

    @Override
    public Integer call() throws Exception {
        List<Entrant> given = new ArrayList<>();
        for (String e : entrants) {
            int eq = e.indexOf('=');
            if (eq <= 0 || eq == e.length() - 1) {
                throw new ParameterException(spec.commandLine(), "--entrant: expected NAME=DIR, got \"" + e + "\"");
            }
            given.add(new Entrant(e.substring(0, eq), Path.of(e.substring(eq + 1))));
        }
        List<String> builtIns = builtin.equals(List.of("none")) ? List.of() : builtin;
        List<String> names = new ArrayList<>(builtIns);
        given.forEach(e -> names.add(e.name()));
        if (command != null) {
            names.add(name);
        }
        List<String> problems = new ArrayList<>();
        builtIns.stream().filter(b -> !BuiltInEntrants.NAMES.contains(b)).forEach(b -> problems.add(
                "--builtin: \"" + b + "\" is not a built-in entrant (" + String.join(", ", BuiltInEntrants.NAMES) + ", or none)"));
        names.stream().filter(n -> java.util.Collections.frequency(names, n) > 1).distinct().forEach(n -> problems.add(
                "entrant name \"" + n + "\" is used twice (--builtin, --entrant and --name must differ)"));
        if (names.isEmpty()) {
            problems.add("no entrants: --builtin none needs --entrant NAME=DIR or --command CMD");
        }
        DetectorCommand detectorCommand = null;
        if (command != null) {
            try {
                detectorCommand = new DetectorCommand(command, timeout);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ParameterException(spec.commandLine(), String.join("\n", problems));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            SuiteDirectory suite = SuiteDirectory.read(dir);
            if (!suite.unfinished().isEmpty() && !allowUnfinished) {
                err.println(dir + ": " + suite.unfinished().size() + " of " + suite.cases().size()
                        + " cases are not finished (run the suite again to finish them, or pass --allow-unfinished): "
                        + String.join(", ", suite.unfinished().stream().map(SuiteCaseInfo::id).limit(20).toList()));
                return 1;
            }
            List<Entrant> list = new ArrayList<>(new BuiltInEntrants(builtIns, out).run(suite));
            if (detectorCommand != null) {
                Entrant entrant = new Entrant(name, BuiltInEntrants.dir(dir, name), "third-party command: " + command);
                List<String> failures = new ExternalDetector(detectorCommand).run(suite, entrant);
                if (!failures.isEmpty()) {
                    failures.forEach(err::println);
                    return 1;
                }
                list.add(entrant);
            }
            list.addAll(given);
            SuiteScore score = new SuiteScorer(threshold == null ? OptionalDouble.empty() : OptionalDouble.of(threshold)).score(suite, list);
            SuiteReport.write(score, dir);
            out.println("scored " + list.size() + " entrants (" + String.join(", ", list.stream().map(Entrant::name).toList()) + ") over "
                    + suite.finished().size() + " cases; wrote " + dir.resolve("suite-report.html") + ", suite-report.md, suite-score.json");
            if (screenshot != null) {
                Path chromium = HeadlessChromium.find().orElse(null);
                if (chromium == null) {
                    err.println("--screenshot: no chromium found (install Debian's chromium, or set CHROMIUM)");
                    return 1;
                }
                new HeadlessChromium(chromium, Duration.ofMinutes(2)).screenshot(dir.resolve("suite-report.html"), screenshot,
                        SCREENSHOT_WIDTH, SCREENSHOT_HEIGHT);
                out.println("wrote " + screenshot);
            }
            return 0;
        } catch (InputException e) {
            err.println(e.getMessage());
            return 1;
        }
    }
}
