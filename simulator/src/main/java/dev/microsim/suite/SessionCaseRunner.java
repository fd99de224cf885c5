package dev.microsim.suite;

import dev.microsim.cli.Scenarios;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.yaml.ParseResult;
import dev.microsim.run.LocalRun;
import dev.microsim.run.RunListener;
import dev.microsim.run.RunProgress;
import dev.microsim.run.RunResult;
import dev.microsim.run.RunSession;
import dev.microsim.run.RunTarget;
import dev.microsim.sim.FastRun;
import dev.microsim.sim.SimOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The suite's {@link CaseRunner}: each case is one {@link RunSession} of the case's resolved
 * scenario, live ({@link LocalRun}: the mesh in this JVM with the suite's load engine) or fast
 * ({@link FastRun}: virtual time, byte-identical per seed). The sessions do not hook signals
 * themselves: the suite does ({@link #cancelAll}), so that a Ctrl-C stops every running case
 * without starting a retry. What a session says goes to {@code logs/<case id>.log} beside the
 * cases, not to the terminal, where the suite's one progress bar is.
 */
public final class SessionCaseRunner implements CaseRunner {

    /** Hears each running case's progress (for the suite's one bar); called on the cases' threads. */
    public interface Listener {
        Listener NONE = (c, p) -> { };

        void progress(SuiteCase c, RunProgress progress);
    }

    private final SuiteSpec.Mode mode;
    private final String load;
    private final Path logs;
    private final Listener listener;
    private final Map<String, RunSession> running = new ConcurrentHashMap<>();
    private volatile String cancelled;

    /**
     * @param load the live load engine, {@code builtin} or {@code gatling} (ignored in fast mode)
     * @param logs where each case's messages go, as {@code <case id>.log}
     */
    public SessionCaseRunner(SuiteSpec.Mode mode, String load, Path logs, Listener listener) {
        this.mode = mode;
        this.load = load;
        this.logs = logs;
        this.listener = listener;
    }

    @Override
    public Outcome run(SuiteCase c, Path dataset) throws InterruptedException {
        ParseResult parsed = Scenarios.parser().parse(c.scenarioYaml(), c.id() + ".yaml");
        if (!parsed.ok()) {
            // The plan validated every case before any ran, so this is a bug, not bad input: say so and fail the case.
            return new Outcome(false, Optional.of("the case's scenario does not parse: " + String.join("; ", parsed.lines())), Duration.ZERO);
        }
        Scenario scenario = parsed.orThrow();
        try (PrintWriter log = openLog(c)) {
            RunSession session = RunSession.builder(scenario, dataset, target()).handleSignals(false).listener(new RunListener() {
                @Override
                public void message(String line) {
                    synchronized (log) {
                        log.println(line);
                        log.flush();
                    }
                }

                @Override
                public void progress(RunProgress p) {
                    listener.progress(c, p);
                }
            }).build();
            running.put(c.id(), session);
            try {
                if (cancelled != null) {
                    session.cancel(cancelled); // a stop that came between the suite's check and this put
                }
                RunResult r = session.run();
                synchronized (log) {
                    log.printf(java.util.Locale.ROOT, "%s: %s in %.1f s wall (%.1f s of run time), %d client requests, %d errors, %d spans, %d dropped%s%n",
                            Instant.now(), r.status().name().toLowerCase(), r.wall().toMillis() / 1000.0, r.simulated().toMillis() / 1000.0,
                            r.clientRequests(), r.clientErrors(), r.spansRecorded(), r.dropped(), r.reason().map(s -> ": " + s).orElse(""));
                }
                return new Outcome(r.complete(), r.reason(), r.wall());
            } catch (UncheckedIOException e) {
                return new Outcome(false, Optional.of(e.getMessage()), Duration.ZERO);
            } finally {
                running.remove(c.id());
            }
        }
    }

    @Override
    public void cancelAll(String reason) {
        cancelled = reason;
        running.values().forEach(s -> s.cancel(reason));
    }

    /** Cases running now (for tests and the progress line). */
    int runningCount() {
        return running.size();
    }

    private RunTarget target() {
        return switch (mode) {
            case FAST -> new FastRun(SimOptions.defaults());
            // A suite's live cases record everything and export nothing: no OTLP, no Prometheus port per case.
            case LIVE -> new LocalRun(new LocalRun.Options(load, null, null, true, true));
        };
    }

    private PrintWriter openLog(SuiteCase c) {
        try {
            Files.createDirectories(logs);
            return new PrintWriter(Files.newBufferedWriter(logs.resolve(c.id() + ".log"),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the case's log in " + logs + ": " + e.getMessage(), e);
        }
    }
}
