package dev.microsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A live run whose wall clock jumps 5 s ahead mid-run (a suspended machine resumed, its clock set
 * right): the metric rows, the load rows and the spans must stay on the one clock, the jump must be in
 * the manifest and said, and the dataset is still complete. Before, rows followed the monotonic clock
 * and ended 5 s before the spans did, with nothing in the dataset to say so.
 */
class ClockStepRunTest {
    static final FrontDbFixture MESH = new FrontDbFixture("clock-step", 11, Duration.ofSeconds(6), 20, Duration.ofSeconds(1), Duration.ofSeconds(1));
    static final Duration STEP = Duration.ofSeconds(5);
    static final Duration STEP_AT = Duration.ofMillis(2_500); // after the load's start

    /** The system clock, plus {@link #STEP} from {@link #STEP_AT} after the moment it is armed. */
    static final class SteppingClock extends Clock {
        private volatile Instant stepAt;

        void arm() {
            stepAt = Clock.systemUTC().instant().plus(STEP_AT);
        }

        @Override
        public Instant instant() {
            Instant now = Clock.systemUTC().instant();
            Instant at = stepAt;
            return at != null && !now.isBefore(at) ? now.plus(STEP) : now;
        }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
    }

    @ParameterizedTest
    @ValueSource(strings = {"builtin", "gatling"})
    void rowsSpansAndLabelsStayOnTheRunClockAcrossAStep(String load, @TempDir Path dir) throws Exception {
        SteppingClock clock = new SteppingClock();
        List<String> said = new CopyOnWriteArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void message(String line) {
                System.out.println(line);
                said.add(line);
                if (line.contains("load started")) clock.arm();
            }
        };
        Path ds = dir.resolve("ds");
        RunResult r = RunSession.builder(MESH.scenario(), ds, new LocalRun(new LocalRun.Options(load, null, null, true, true), clock))
                .handleSignals(false).listener(listener).build().run();
        assertTrue(r.complete(), "a clock step leaves a consistent dataset: " + r);

        JsonNode manifest = FrontDbFixture.JSON.readTree(ds.resolve("manifest.json").toFile());
        JsonNode steps = manifest.path("clockSteps");
        assertEquals(1, steps.size(), "one step, in the manifest: " + manifest);
        double seconds = steps.get(0).path("seconds").asDouble();
        assertTrue(Math.abs(seconds - 5.0) < 0.1, "the step's size: " + seconds);
        Instant start = Instant.parse(manifest.path("warmUp").path("loadStart").asText());
        Instant at = Instant.parse(steps.get(0).path("at").asText());
        Duration into = Duration.between(start, at);
        assertTrue(into.compareTo(STEP_AT.plus(STEP)) >= 0 && into.compareTo(STEP_AT.plus(STEP).plusSeconds(1)) < 0, "when it was seen: " + into);
        assertTrue(said.stream().anyMatch(l -> l.contains("warning: the wall clock jumped +5.0 s")), "the user is told: " + said);

        // Metric rows on the one-second grid of the run clock, without a hole, through the step.
        TreeSet<Instant> metricTimes = times(ds.resolve("metrics.csv"));
        for (Instant t : metricTimes) assertEquals(0, Duration.between(start, t).toNanos() % 1_000_000_000L, "on the grid: " + t);
        long intervals = Duration.between(metricTimes.first(), metricTimes.last()).toSeconds() + 1;
        assertEquals(intervals, metricTimes.size(), "one row time per interval, none skipped: " + metricTimes);
        TreeSet<Instant> loadTimes = times(ds.resolve("load.csv"));
        assertTrue(metricTimes.containsAll(loadTimes), "load rows on the metric rows' instants: " + loadTimes + " vs " + metricTimes);

        // The rows cover the spans to their end (the run clock's 6 s of load plus the step; the sampler goes
        // on while the load drains, a second or two), not 5 s short of it.
        Instant lastSpanEnd = Files.readAllLines(ds.resolve("traces.jsonl")).stream().map(FrontDbFixture::json)
                .map(s -> Instant.parse(s.path("end").asText())).max(Instant::compareTo).orElseThrow();
        Instant rowsEnd = metricTimes.last().plusSeconds(1);
        assertTrue(!lastSpanEnd.isAfter(rowsEnd) && Duration.between(lastSpanEnd, rowsEnd).compareTo(Duration.ofSeconds(3)) < 0,
                "the last span ends at " + lastSpanEnd + ", the last row's interval at " + rowsEnd);
        assertTrue(Duration.between(start, lastSpanEnd).compareTo(MESH.duration().plus(STEP).minusSeconds(1)) > 0,
                "the spans carry the step too: " + lastSpanEnd);

        // The skipped seconds are there as intervals where nothing was served (the gap the manifest points at).
        Map<String, Double> front = FrontDbFixture.rows(ds.resolve("metrics.csv")).get("front|GET /x|requests");
        long empty = front.values().stream().filter(v -> v == 0).count();
        assertTrue(empty >= 3, "the 5 s the clock skipped hold no requests: " + front);

        // The fault's label is on the same clock: its window lies inside the rows' span of time.
        JsonNode label = FrontDbFixture.JSON.readTree(ds.resolve("labels.json").toFile()).path("faults").get(0);
        Instant faultStart = Instant.parse(label.path("actual").path("start").asText());
        assertTrue(!faultStart.isBefore(start.plusSeconds(1)) && faultStart.isBefore(start.plus(STEP_AT)), "label on the run clock: " + label);
    }

    private static TreeSet<Instant> times(Path csv) throws Exception {
        TreeSet<Instant> out = new TreeSet<>();
        Files.readAllLines(csv).stream().skip(1).forEach(l -> out.add(Instant.parse(l.substring(0, l.indexOf(',')))));
        return out;
    }
}
