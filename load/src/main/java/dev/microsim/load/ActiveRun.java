package dev.microsim.load;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The state of the one Gatling run in progress in this JVM, and the static slot through which
 * {@link MicrosimSimulation} finds it.
 *
 * <p>Why a static slot: Gatling instantiates the simulation class itself, by class name, with a
 * no-argument constructor ({@code --simulation dev.microsim.load.MicrosimSimulation}); there is no
 * supported way to hand it an object. So the runner installs the run here first and the
 * simulation reads it back. Two runs at once in one JVM would read each other's plan, so
 * installing a second run fails loudly instead ({@link #install}).
 */
final class ActiveRun {
    private static final AtomicReference<ActiveRun> CURRENT = new AtomicReference<>();
    /**
     * A request planned just before an entry's end may reach {@link #admit} a few milliseconds
     * after it (timer and scheduling jitter); it still goes. Schedules never plan past the end.
     */
    static final Duration END_SLACK = Duration.ofMillis(200);

    final long seed;
    final List<CompiledSpec> specs;
    final ClientStatsCollector stats;
    final Duration duration;
    private final Clock clock;
    private final AtomicLong[] budgetLeft; // per entry; Long.MAX_VALUE means unbounded in count
    private final AtomicLong[] arrivals;
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile long startNanos;
    private volatile Instant startInstant;
    private volatile String stopReason;
    private volatile Runnable onStart = () -> {};

    ActiveRun(long seed, List<CompiledSpec> specs, ClientStatsCollector stats, Duration duration, Clock clock) {
        this.seed = seed;
        this.specs = List.copyOf(specs);
        this.stats = stats;
        this.duration = duration;
        this.clock = clock;
        this.budgetLeft = new AtomicLong[specs.size()];
        this.arrivals = new AtomicLong[specs.size()];
        for (int i = 0; i < arrivals.length; i++) {
            if (specs.get(i).index() != i) throw new IllegalArgumentException("specs must be in plan order, got " + specs.get(i).path() + " at " + i);
            arrivals[i] = new AtomicLong();
            budgetLeft[i] = new AtomicLong(specs.get(i).budget());
        }
    }

    /** @throws IllegalStateException if another run is in progress in this JVM */
    static void install(ActiveRun run) {
        ActiveRun other = CURRENT.get();
        if (!CURRENT.compareAndSet(null, run)) {
            throw new IllegalStateException("another Gatling load run is already in progress in this JVM (" + describe(other)
                    + "); Gatling builds its simulation by class name, so runs in one JVM must not overlap: wait for it to finish");
        }
    }

    static void uninstall(ActiveRun run) {
        CURRENT.compareAndSet(run, null);
    }

    /** @throws IllegalStateException when Gatling builds the simulation outside {@link GatlingLoadRunner} */
    static ActiveRun current() {
        ActiveRun run = CURRENT.get();
        if (run == null) {
            throw new IllegalStateException("MicrosimSimulation was started without a load plan; run it through GatlingLoadRunner");
        }
        return run;
    }

    private static String describe(ActiveRun run) {
        return run == null ? "just finished" : run.specs.size() + " load entries, " + run.duration + ", seed " + run.seed;
    }

    /**
     * Marks the start of the load the first time any virtual user runs (every user calls it first).
     * Gatling's own start (its {@code before} hook) comes up to a second earlier on a cold JVM, while
     * the injector and HTTP client spin up; planned instants count from when users really start.
     */
    void ensureStarted() {
        if (started.getCount() == 0) return;
        synchronized (this) {
            if (started.getCount() == 0) return;
            startNanos = System.nanoTime();
            startInstant = clock.instant();
            started.countDown();
        }
        onStart.run();
    }

    /** What to do the moment the load starts (the runner starts its interval clock). */
    void onStart(Runnable action) {
        onStart = action;
    }

    boolean hasStarted() {
        return started.getCount() == 0;
    }

    Instant startInstant() {
        return startInstant;
    }

    /** The run's clock (what {@link #startInstant} and the interval rows are stamped with). */
    Clock clock() {
        return clock;
    }

    /** Time since the load started. */
    long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    /** Nanoseconds to wait until {@code offset} after the start (zero or less: already due). */
    long nanosUntil(Duration offset) {
        return offset.toNanos() - elapsedNanos();
    }

    /** The next arrival's sequence number for an open entry. */
    long nextArrival(int spec) {
        return arrivals[spec].getAndIncrement();
    }

    /**
     * Whether entry {@code spec} may send one more request now: the run is not stopping, the entry's
     * time window is still open, and its request budget has room (which this call then takes).
     */
    boolean admit(CompiledSpec spec) {
        if (stopReason != null) return false;
        if (elapsedNanos() >= spec.end().toNanos() + END_SLACK.toNanos()) return false;
        AtomicLong left = budgetLeft[spec.index()];
        if (left.get() == Long.MAX_VALUE) return true;
        return left.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    /**
     * True once every entry has a finite budget, has used it all, and every admitted request has
     * been answered or failed: nothing more will be sent or received.
     */
    boolean allBudgetsDone() {
        long admitted = 0;
        for (int i = 0; i < budgetLeft.length; i++) {
            if (budgetLeft[i].get() != 0) return false;
            admitted += specs.get(i).budget();
        }
        return stats.totalRequests() >= admitted;
    }

    /** The latest instant, from the start, at which any entry still sends. */
    Duration lastEnd() {
        return specs.stream().map(CompiledSpec::end).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    void requestStop(String reason) {
        if (stopReason == null) stopReason = reason;
    }

    String stopReason() {
        return stopReason;
    }
}
