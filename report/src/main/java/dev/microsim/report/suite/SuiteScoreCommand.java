package dev.microsim.report.suite;

import dev.microsim.detector.cli.HumanDuration;
import dev.microsim.detector.io.InputException;
import dev.microsim.report.SuiteReport;
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

/** {@code microsim suite score DIR}: the leaderboard of a suite run over the given entrants. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Score detectors and rankers over every finished case of a suite run; write DIR/suite-score.json,",
                "DIR/suite-report.html (leaderboard, per fault kind) and DIR/suite-report.md.",
                "Exit codes: 0 ok, 1 bad input, unfinished cases (without --allow-unfinished) or a failed --command, 2 usage error."})
public final class SuiteScoreCommand implements Callable<Integer> {

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

    @Option(names = "--allow-unfinished", description = "score the finished cases even if some are not finished (they are listed)")
    boolean allowUnfinished;

    @Override
    public Integer call() throws Exception {
        List<Entrant> list = new ArrayList<>();
        for (String e : entrants) {
            int eq = e.indexOf('=');
            if (eq <= 0 || eq == e.length() - 1) {
                throw new ParameterException(spec.commandLine(), "--entrant: expected NAME=DIR, got \"" + e + "\"");
            }
            list.add(new Entrant(e.substring(0, eq), Path.of(e.substring(eq + 1))));
        }
        if (list.isEmpty() && command == null) {
            throw new ParameterException(spec.commandLine(), "give --entrant NAME=DIR or --command CMD");
        }
        try {
            SuiteDirectory suite = SuiteDirectory.read(dir);
            if (!suite.unfinished().isEmpty() && !allowUnfinished) {
                spec.commandLine().getErr().println(dir + ": " + suite.unfinished().size() + " of " + suite.cases().size()
                        + " cases are not finished (run the suite again to finish them, or pass --allow-unfinished): "
                        + String.join(", ", suite.unfinished().stream().map(SuiteCaseInfo::id).limit(20).toList()));
                return 1;
            }
            if (command != null) {
                ExternalDetector detector;
                try {
                    detector = new ExternalDetector(command, timeout);
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), e.getMessage());
                }
                Entrant entrant = new Entrant(name, dir.resolve("entrants").resolve(name));
                List<String> failures = detector.run(suite, entrant);
                if (!failures.isEmpty()) {
                    failures.forEach(spec.commandLine().getErr()::println);
                    return 1;
                }
                list.add(entrant);
            }
            SuiteScore score = new SuiteScorer(threshold == null ? OptionalDouble.empty() : OptionalDouble.of(threshold)).score(suite, list);
            SuiteReport.write(score, dir);
            spec.commandLine().getOut().println("scored " + list.size() + " entrants over " + suite.finished().size()
                    + " cases; wrote " + dir.resolve("suite-report.html") + ", suite-report.md, suite-score.json");
            return 0;
        } catch (InputException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
    }
}
