package dev.microsim.suite;

import dev.microsim.cli.Scenarios;
import dev.microsim.faults.catalog.FaultCatalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code microsim suite run SUITE --out DIR}: every case of a suite into {@code DIR/cases/<id>/},
 * resumable (finished cases are never run again nor touched), a failed case retried once and then
 * listed in {@code DIR/failures.json}, one progress bar over the suite. Ctrl-C / SIGTERM stop it
 * cleanly: the running cases are cancelled (faults recovered, datasets marked incomplete) and the
 * next run redoes them.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run every case of a suite (live or fast, as the suite says or --mode) into DIR/cases/<case id>/.",
                "Resumable: finished cases are never run again; unfinished ones are redone from scratch; a failed case is retried once.",
                "Exit codes: 0 every selected case finished, 1 invalid suite, failed or interrupted cases, 2 usage error."})
public final class SuiteRunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SUITE", description = "the suite file (YAML, docs/suites.md)")
    Path suite;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the suite's directory: cases, plan.json, failures.json")
    Path out;

    @Option(names = "--mode", paramLabel = "MODE", description = "live or fast (local is accepted for live): overrides the suite's mode (one directory holds one mode's cases)")
    String mode;

    @Option(names = "--parallel", paramLabel = "N", description = "cases at once, or auto: overrides the suite's parallel (auto: one per two cores fast, one live)")
    String parallel;

    @Option(names = "--cases", paramLabel = "REGEX", description = "run only the cases whose id contains a match, e.g. 'online-boutique.*--s1$'")
    String cases;

    @Option(names = "--no-progress", description = "no progress bar or progress lines; failures and the summary only")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        SuiteSpec suiteSpec;
        List<SuiteCase> all;
        try {
            suiteSpec = new SuiteReader(FaultCatalog.standard().kinds()).read(suite);
            all = SuitePlan.expand(suiteSpec, Scenarios.parser());
        } catch (SuiteReader.InvalidSuiteException e) {
            e.problems().forEach(stderr::println);
            stderr.flush();
            return 1;
        }
        SuiteRunner.Settings settings = settings(suiteSpec);
        if (settings.mode() == SuiteSpec.Mode.LIVE && suiteSpec.load().equals("gatling") && settings.workers() > 1) {
            throw new ParameterException(spec.commandLine(), "--parallel " + settings.workers()
                    + ": live cases with load: gatling run one at a time (Gatling runs one plan per JVM)");
        }
        int selected = (int) all.stream().filter(settings.selected()).count();
        if (selected == 0) {
            throw new ParameterException(spec.commandLine(), "--cases \"" + cases + "\" matches none of the suite's " + all.size() + " case ids");
        }
        if (settings.mode() == SuiteSpec.Mode.LIVE && settings.workers() > 1) {
            stdout.println("suite: " + settings.workers() + " live cases at once share this machine's "
                    + Runtime.getRuntime().availableProcessors() + " cores: a CPU-heavy fault in one shows in the others' latencies");
        }
        stdout.printf("suite %s: %d cases%s, %s mode, %d at a time, %s each; into %s%n", suiteSpec.name(), all.size(),
                selected == all.size() ? "" : " (" + selected + " selected by --cases)", settings.mode().name().toLowerCase(),
                settings.workers(), dev.microsim.model.units.Durations.format(suiteSpec.duration()), out);
        stdout.flush();
        CountDownLatch ended = new CountDownLatch(1);
        try (SuiteProgress progress = new SuiteProgress(stdout, noProgress)) {
            SessionCaseRunner caseRunner = new SessionCaseRunner(settings.mode(), suiteSpec.load(), out.resolve("logs"), progress);
            SuiteRunner runner = new SuiteRunner(caseRunner, progress);
            Thread hook = new Thread(() -> {
                runner.stop("interrupted by a signal (Ctrl-C or SIGTERM) of the suite");
                try {
                    // Let the cancelled cases recover their faults and mark their datasets before the JVM goes.
                    ended.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "microsim-suite-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            SuiteRunner.Summary summary;
            try {
                summary = runner.run(suiteSpec, all, out, settings);
            } catch (IllegalArgumentException e) {
                stderr.println("microsim suite run: " + e.getMessage());
                stderr.flush();
                return 1;
            } finally {
                ended.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // The hook is running: it has stopped the suite.
                }
            }
            progress.close();
            summary(stdout, summary);
            return summary.allDone() ? 0 : 1;
        }
    }

    private SuiteRunner.Settings settings(SuiteSpec suiteSpec) {
        SuiteSpec.Mode m = suiteSpec.mode();
        if (mode != null) {
            m = switch (mode) {
                // "local" is what `microsim run --mode` called the live engine before: still accepted.
                case "live", "local" -> SuiteSpec.Mode.LIVE;
                case "fast" -> SuiteSpec.Mode.FAST;
                default -> throw new ParameterException(spec.commandLine(), "--mode: expected live or fast, got \"" + mode + "\"");
            };
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int workers = suiteSpec.workers(m, cores);
        if (parallel != null && !parallel.equals("auto")) {
            try {
                workers = Integer.parseInt(parallel);
            } catch (NumberFormatException e) {
                workers = 0;
            }
            if (workers < 1) {
                throw new ParameterException(spec.commandLine(), "--parallel: expected auto or a whole number >= 1, got \"" + parallel + "\"");
            }
        } else if (parallel != null) {
            workers = SuiteSpec.auto(m, cores);
        }
        Pattern pattern;
        try {
            pattern = cases == null ? null : Pattern.compile(cases);
        } catch (PatternSyntaxException e) {
            throw new ParameterException(spec.commandLine(), "--cases: \"" + cases + "\" is not a regular expression: " + e.getDescription());
        }
        return new SuiteRunner.Settings(m, workers, pattern == null ? c -> true : c -> pattern.matcher(c.id()).find());
    }

    private void summary(PrintWriter stdout, SuiteRunner.Summary s) {
        int selected = s.total() - s.notSelected();
        int finished = s.alreadyDone() + s.ran() - s.failed().size();
        stdout.printf("suite: %d of %d cases finished (%d now, %d before)%s%s in %s%n", finished, selected,
                s.ran() - s.failed().size(), s.alreadyDone(),
                s.failed().isEmpty() ? "" : "; " + s.failed().size() + " failed twice, listed in " + out.resolve("failures.json"),
                s.interrupted() == 0 ? "" : "; " + s.interrupted() + " interrupted, to be redone by the next run",
                SuiteProgress.format(s.wall()));
        s.failed().forEach(f -> stdout.println("  failed: " + f));
        if (s.notSelected() > 0) {
            stdout.println("suite: " + s.notSelected() + " cases not selected by --cases and not finished");
        }
        stdout.flush();
    }
}
