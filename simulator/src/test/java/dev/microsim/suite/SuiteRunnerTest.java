package dev.microsim.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microsim.cli.Scenarios;
import dev.microsim.faults.catalog.FaultCatalog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suite orchestration (resume, retry, never overwrite) with a case runner that writes manifests only. */
class SuiteRunnerTest {

    @TempDir
    Path tmp;
    SuiteSpec suite;
    List<SuiteCase> cases;
    final StringWriter log = new StringWriter();

    /** Writes a complete manifest stamped with a serial number, or fails the cases it is told to, as often as told. */
    static final class FakeRunner implements CaseRunner {
        final List<String> ran = new CopyOnWriteArrayList<>();
        final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
        final AtomicInteger serial = new AtomicInteger();

        @Override
        public Outcome run(SuiteCase c, Path dataset) throws InterruptedException {
            ran.add(c.id());
            try {
                Files.createDirectories(dataset);
                AtomicInteger left = failuresLeft.get(c.id());
                boolean fail = left != null && left.getAndDecrement() > 0;
                Files.writeString(dataset.resolve("manifest.json"), "{\"formatVersion\": 1, \"complete\": " + !fail
                        + ", \"serial\": " + serial.incrementAndGet() + "}");
                return new Outcome(!fail, fail ? Optional.of("planted failure") : Optional.empty(), Duration.ZERO);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void cancelAll(String reason) {
        }
    }

    @BeforeEach
    void plan() throws Exception {
        Path suites = SuitePlanTest.suites();
        Files.copy(suites.resolve("../minimal.yaml"), tmp.resolve("minimal.yaml"));
        Path file = Files.writeString(tmp.resolve("suite.yaml"), Files.readString(suites.resolve("smoke.yaml")).replace("../minimal.yaml", "minimal.yaml")
                .replace("parallel: auto", "parallel: 2"));
        suite = new SuiteReader(FaultCatalog.standard().kinds()).read(file);
        cases = SuitePlan.expand(suite, Scenarios.parser());
    }

    SuiteRunner.Summary run(FakeRunner runner, Path out) throws Exception {
        return new SuiteRunner(runner, SuiteRunner.lines(new PrintWriter(log, true))).run(suite, cases, out);
    }

    @Test
    void finishedCasesAreNeverRunAgainNorTouched() throws Exception {
        Path out = tmp.resolve("out");
        FakeRunner first = new FakeRunner();
        assertThat(run(first, out).ran()).isEqualTo(4);
        String manifest = Files.readString(SuiteRunner.caseDir(out, cases.get(0)).resolve("manifest.json"));

        FakeRunner second = new FakeRunner();
        SuiteRunner.Summary again = run(second, out);
        assertThat(second.ran).isEmpty();
        assertThat(again.alreadyDone()).isEqualTo(4);
        assertThat(again.allDone()).isTrue();
        assertThat(Files.readString(SuiteRunner.caseDir(out, cases.get(0)).resolve("manifest.json"))).isEqualTo(manifest);
    }

    @Test
    void aCaseLeftIncompleteByAKilledSuiteIsRedoneFromScratch() throws Exception {
        Path out = tmp.resolve("out");
        run(new FakeRunner(), out);
        Path left = SuiteRunner.caseDir(out, cases.get(2));
        Files.writeString(left.resolve("manifest.json"), "{\"formatVersion\": 1, \"complete\": false}");
        Files.writeString(left.resolve("half-written.csv"), "x");
        FakeRunner resumed = new FakeRunner();
        SuiteRunner.Summary summary = run(resumed, out);
        assertThat(resumed.ran).containsExactly(cases.get(2).id());
        assertThat(summary.alreadyDone()).isEqualTo(3);
        assertThat(left.resolve("half-written.csv")).doesNotExist();
        assertThat(SuiteRunner.complete(left)).isTrue();
    }

    @Test
    void aFailedCaseIsRetriedOnceAndIfItFailsAgainItIsReportedNotSkipped() throws Exception {
        Path out = tmp.resolve("out");
        FakeRunner runner = new FakeRunner();
        runner.failuresLeft.put(cases.get(0).id(), new AtomicInteger(1));
        runner.failuresLeft.put(cases.get(1).id(), new AtomicInteger(2));
        SuiteRunner.Summary summary = run(runner, out);
        assertThat(runner.ran.stream().filter(cases.get(0).id()::equals)).hasSize(2);
        assertThat(runner.ran.stream().filter(cases.get(1).id()::equals)).hasSize(2);
        assertThat(summary.failed()).containsExactly(cases.get(1).id() + ": planted failure");
        assertThat(SuiteRunner.failures(out)).containsExactly(cases.get(1).id() + ": planted failure");
        assertThat(log.toString()).contains(cases.get(1).id() + " FAILED").contains("attempt 2 of 2");
        assertThat(SuiteRunner.complete(SuiteRunner.caseDir(out, cases.get(0)))).isTrue();

        // The next run tries the failed case again, and only it.
        FakeRunner next = new FakeRunner();
        SuiteRunner.Summary after = run(next, out);
        assertThat(Set.copyOf(next.ran)).containsExactly(cases.get(1).id());
        assertThat(after.allDone()).isTrue();
        assertThat(SuiteRunner.failures(out)).isEmpty();
    }

    @Test
    void anotherSuitesCasesAreNeverMixedIntoTheSameDirectory() throws Exception {
        Path out = tmp.resolve("out");
        run(new FakeRunner(), out);
        Files.writeString(suite.file(), Files.readString(suite.file()).replace("seeds: [1]", "seeds: [1, 2]"));
        SuiteSpec other = new SuiteReader(FaultCatalog.standard().kinds()).read(suite.file());
        assertThatThrownBy(() -> new SuiteRunner(new FakeRunner(), SuiteRunner.lines(new PrintWriter(log)))
                .run(other, SuitePlan.expand(other, Scenarios.parser()), out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds the cases of another suite file");
    }

    /** Blocks each case until cancelled, then leaves its dataset incomplete as a cancelled session does. */
    static final class BlockingRunner implements CaseRunner {
        final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.CountDownLatch cancelled = new java.util.concurrent.CountDownLatch(1);
        final List<String> ran = new CopyOnWriteArrayList<>();

        @Override
        public Outcome run(SuiteCase c, Path dataset) throws InterruptedException {
            ran.add(c.id());
            try {
                Files.createDirectories(dataset);
                Files.writeString(dataset.resolve("manifest.json"), "{\"formatVersion\": 1, \"complete\": false}");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            started.countDown();
            cancelled.await();
            return new Outcome(false, Optional.of("cancelled"), Duration.ZERO);
        }

        @Override
        public void cancelAll(String reason) {
            cancelled.countDown();
        }
    }

    @Test
    void aStoppedSuiteCountsItsRunningCasesInterruptedNotFailedAndStartsNoOther() throws Exception {
        Path out = tmp.resolve("out");
        BlockingRunner runner = new BlockingRunner();
        SuiteRunner suiteRunner = new SuiteRunner(runner, SuiteRunner.lines(new PrintWriter(log, true)));
        var summary = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return suiteRunner.run(suite, cases, out, new SuiteRunner.Settings(suite.mode(), 2, c -> true));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(runner.started.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        suiteRunner.stop("a test's Ctrl-C");
        SuiteRunner.Summary s = summary.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(s.failed()).isEmpty();
        assertThat(s.interrupted()).isEqualTo(cases.size()); // the running ones and those that never started
        assertThat(runner.ran).hasSizeLessThanOrEqualTo(2);
        assertThat(s.allDone()).isFalse();
        assertThat(SuiteRunner.failures(out)).isEmpty();
        assertThat(log.toString()).doesNotContain("attempt 2 of 2");
    }

    @Test
    void aSecondSuiteRunOnTheSameDirectoryIsRefusedWhileTheFirstLasts() throws Exception {
        Path out = tmp.resolve("out");
        BlockingRunner runner = new BlockingRunner();
        SuiteRunner first = new SuiteRunner(runner, SuiteRunner.lines(new PrintWriter(log, true)));
        var running = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return first.run(suite, cases, out, new SuiteRunner.Settings(suite.mode(), 1, c -> true));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(runner.started.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        FakeRunner second = new FakeRunner();
        assertThatThrownBy(() -> run(second, out)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("in use by another suite run").hasMessageContaining("suite.lock");
        assertThat(second.ran).isEmpty();
        first.stop("done with the test");
        running.get(30, java.util.concurrent.TimeUnit.SECONDS);
        // The lock went with the first run: the directory is free again, and the interrupted cases are redone.
        FakeRunner third = new FakeRunner();
        assertThat(run(third, out).allDone()).isTrue();
        assertThat(third.ran).hasSize(cases.size());
    }
}
