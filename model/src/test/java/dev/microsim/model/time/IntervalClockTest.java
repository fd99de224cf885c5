package dev.microsim.model.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntervalClockTest {
    private static final Instant START = Instant.parse("2026-12-03T12:00:00Z");
    private static final Duration SECOND = Duration.ofSeconds(1);

    /** A wall clock and a monotonic clock that move together unless a test steps the wall clock alone. */
    private static final class Clocks extends Clock {
        Instant wall = START;
        long mono = 5_000_000_000L;

        void both(Duration d) {
            wall = wall.plus(d);
            mono += d.toNanos();
        }

        @Override public Instant instant() { return wall; }
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
    }

    @Test
    void intervalsEndByTheRunClockAndStartOnItsGrid() {
        Clocks c = new Clocks();
        IntervalClock grid = new IntervalClock(c, () -> c.mono, START, SECOND);
        assertEquals(0, grid.endedIntervals());
        c.both(Duration.ofMillis(999));
        assertEquals(0, grid.endedIntervals());
        assertEquals(1_000_000, grid.nanosUntilEnd(0, Long.MAX_VALUE));
        c.both(Duration.ofMillis(2501));
        assertEquals(3, grid.endedIntervals());
        assertEquals(Instant.parse("2026-12-03T12:00:03Z"), grid.intervalStart(3));
        assertEquals(500_000_000L, grid.nanosUntilEnd(3, Long.MAX_VALUE));
        assertEquals(250_000_000L, grid.nanosUntilEnd(3, 250_000_000L), "a wait is capped so a step is noticed soon");
        assertEquals(0, grid.nanosUntilEnd(1, Long.MAX_VALUE), "an interval already over needs no wait");
        assertEquals(List.of(), grid.steps());
    }

    @Test
    void aWallClockJumpAheadEndsTheIntervalsItSkipsAndIsRecordedAsAStep() {
        Clocks c = new Clocks();
        IntervalClock grid = new IntervalClock(c, () -> c.mono, START, SECOND);
        c.both(Duration.ofMillis(2_200));
        assertEquals(2, grid.endedIntervals());
        c.wall = c.wall.plusSeconds(12); // the machine was suspended; its wall clock was set right on resume
        assertEquals(14, grid.endedIntervals(), "rows follow the run clock, as spans and labels do");
        assertEquals(List.of(new ClockStep(Instant.parse("2026-12-03T12:00:14.200Z"), Duration.ofSeconds(12))), grid.steps());
        c.both(Duration.ofSeconds(1));
        assertEquals(15, grid.endedIntervals());
        assertEquals(1, grid.steps().size(), "one step is one step, not a new one at every later read");
    }

    @Test
    void aJumpBackIsAStepOfNegativeOffsetAndEndsNoFurtherInterval() {
        Clocks c = new Clocks();
        IntervalClock grid = new IntervalClock(c, () -> c.mono, START, SECOND);
        c.both(Duration.ofMillis(10_500));
        assertEquals(10, grid.endedIntervals());
        c.wall = c.wall.minusSeconds(5);
        assertEquals(5, grid.endedIntervals(), "the caller, past interval 10 already, waits for the clock to come back");
        assertEquals(Duration.ofSeconds(-5), grid.steps().get(0).offset());
    }

    @Test
    void slowDriftIsNotAStep() {
        Clocks c = new Clocks();
        IntervalClock grid = new IntervalClock(c, () -> c.mono, START, SECOND);
        for (int i = 0; i < 2_000; i++) {
            c.both(Duration.ofMillis(250));
            c.wall = c.wall.plusNanos(500_000); // 2,000 ppm: far beyond what NTP slews, still no step
            grid.endedIntervals();
        }
        assertEquals(List.of(), grid.steps());
        assertEquals(501, grid.elapsed().toSeconds());
    }

    @Test
    void aReadDescheduledBetweenTheClocksIsNotTakenForAStep() {
        Clocks c = new Clocks();
        boolean[] slow = {false};
        IntervalClock grid = new IntervalClock(c, () -> {
            if (slow[0]) c.mono += 300_000_000L; // 300 ms pass between this read and the next
            return c.mono;
        }, START, SECOND);
        c.both(Duration.ofSeconds(1));
        slow[0] = true;
        grid.endedIntervals();
        slow[0] = false;
        c.wall = c.wall.plusMillis(600); // the wall clock took the same 600 ms the monotonic one did during the slow read
        assertEquals(1, grid.endedIntervals());
        assertEquals(List.of(), grid.steps());
    }

    @Test
    void aNonPositiveIntervalIsRefusedWithItsValue() {
        Clocks c = new Clocks();
        var e = assertThrows(IllegalArgumentException.class, () -> new IntervalClock(c, () -> c.mono, START, Duration.ZERO));
        assertTrue(e.getMessage().contains("PT0S"), e.getMessage());
    }
}
