package dev.microsim.faults.schedule;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microsim.faults.catalog.FaultCatalog;
import dev.microsim.model.graph.CallGraph;
import dev.microsim.faults.kinds.Applied;
import dev.microsim.faults.kinds.Fault;
import dev.microsim.faults.kinds.FaultMechanism;
import dev.microsim.faults.kinds.Injection;
import dev.microsim.faults.mesh.MeshTarget;
import dev.microsim.model.scenario.FaultSpec;
import dev.microsim.model.scenario.Scenario;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Applies a scenario's fault schedule to a mesh and keeps the ground truth: injects each fault at
 * {@code at}, steps a ramp in {@value #RAMP_STEPS} increments, recovers at {@code at + duration},
 * and records planned vs acknowledged times. Everything still applied is recovered on
 * {@link #close()} and, if the JVM is asked to stop (SIGINT/SIGTERM), by a shutdown hook.
 *
 * <p>Time is the mesh's clock. {@link #advance(Instant)} does all due work for a given instant (tests
 * call it directly with a test clock); {@link #start()} runs a driver thread calling it every few ms.
 * Every label change is handed to the label listener (the recorder, which writes labels.json); with
 * a dataset directory the applied-faults ledger ({@value DatasetFiles#LEDGER}) is rewritten on every
 * inject/recover and touched every second while a fault is applied, for {@code microsim recover}.
 */
public final class FaultInjector implements AutoCloseable {
    static final int RAMP_STEPS = 4;
    private static final Duration TICK = Duration.ofMillis(10);
    private static final Duration HEARTBEAT = Duration.ofSeconds(1);

    private final Scenario scenario;
    private final MeshTarget mesh;
    private final FaultMechanism mechanism;
    private final FaultCatalog catalog;
    private final CallGraph graph;
    private final Instant runStart;
    private final Optional<Path> datasetDir;
    private final Consumer<LabelRecord> labelListener;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Clock clock;
    private Thread driver;
    private Thread shutdownHook;
    private volatile boolean closed;
    private FaultInjectionException failure;
    private Instant lastHeartbeat = Instant.MIN;

    private enum State { PENDING, ACTIVE, DONE, FAILED }

    private static final class Entry {
        final FaultSpec spec;
        final Fault fault;
        final String source;
        final Instant plannedStart;
        Instant plannedEnd;
        State state = State.PENDING;
        Applied applied;
        int rampStep;
        Instant actualStart;
        Instant actualEnd;
        String cancelled;

        Entry(FaultSpec spec, Fault fault, String source, Instant plannedStart) {
            this.spec = spec;
            this.fault = fault;
            this.source = source;
            this.plannedStart = plannedStart;
            this.plannedEnd = plannedStart.plus(spec.duration());
        }

        int steps() {
            return spec.ramp().isZero() ? 1 : RAMP_STEPS;
        }

        /** Step i (0-based) of a ramp is due at start + ramp * i / (steps - 1): full strength at start + ramp. */
        Instant stepDue(int i) {
            return steps() == 1 ? plannedStart : plannedStart.plus(spec.ramp().multipliedBy(i).dividedBy(steps() - 1));
        }
    }

    /**
     * @param runStart the instant the scenario's time 0 maps to (faults' {@code at} are relative to it)
     * @param datasetDir where the applied-faults ledger goes, or null for none
     * @param labelListener receives every label whenever it changes (planned at construction, actual on inject/recover); may be null
     */
    public FaultInjector(Scenario scenario, MeshTarget mesh, FaultCatalog catalog, Instant runStart, Path datasetDir,
                         Consumer<LabelRecord> labelListener) {
        this(scenario, mesh, FaultMechanism.IN_PROCESS, catalog, runStart, datasetDir, labelListener);
    }

    /** As above, with faults made to act by {@code mechanism} (e.g. Chaos Mesh on Kubernetes) instead of in process. */
    public FaultInjector(Scenario scenario, MeshTarget mesh, FaultMechanism mechanism, FaultCatalog catalog, Instant runStart, Path datasetDir,
                         Consumer<LabelRecord> labelListener) {
        this.scenario = scenario;
        this.mesh = mesh;
        this.mechanism = mechanism;
        this.catalog = catalog;
        this.graph = CallGraph.of(scenario);
        this.clock = mesh.clock();
        this.runStart = runStart;
        this.datasetDir = Optional.ofNullable(datasetDir);
        this.labelListener = labelListener == null ? l -> {} : labelListener;
        List<String> problems = new ArrayList<>();
        for (FaultSpec spec : scenario.faults()) {
            try {
                entries.put(spec.id(), new Entry(spec, catalog.parse(spec), "schedule", runStart.plus(spec.at())));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) throw new IllegalArgumentException("invalid faults:\n  " + String.join("\n  ", problems));
        writeFiles();
    }

    public Instant runStart() {
        return runStart;
    }

    public CallGraph graph() {
        return graph;
    }

    /** Runs the schedule on a daemon thread against the mesh's clock, and registers the shutdown hook. */
    public synchronized FaultInjector start() {
        if (driver != null) throw new IllegalStateException("already started");
        shutdownHook = new Thread(this::recoverOnShutdown, "microsim-fault-recovery");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        driver = new Thread(this::drive, "microsim-fault-scheduler");
        driver.setDaemon(true);
        driver.start();
        return this;
    }

    private void drive() {
        while (!closed) {
            try {
                advance(clock.instant());
            } catch (FaultInjectionException e) {
                return; // recorded in failure(); the run checks it and fails
            }
            try {
                Thread.sleep(TICK.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The first inject/recover failure, if any: the run must fail with it. */
    public synchronized Optional<FaultInjectionException> failure() {
        return Optional.ofNullable(failure);
    }

    /** Throws the first failure, if any. */
    public void checkHealthy() {
        Optional<FaultInjectionException> f = failure();
        if (f.isPresent()) throw f.get();
    }

    /** Does everything due at {@code now}: injections, ramp steps, time-driven fault work, recoveries. */
    public synchronized void advance(Instant now) {
        if (closed || failure != null) return;
        boolean changed = false;
        for (Entry e : entries.values()) {
            try {
                changed |= advance(e, now);
            } catch (RuntimeException ex) {
                e.state = e.state == State.ACTIVE ? State.ACTIVE : State.FAILED;
                failure = new FaultInjectionException("fault \"" + e.spec.id() + "\" (" + e.spec.kind() + " on " + e.spec.target() + ") failed: "
                        + ex.getMessage(), ex);
                writeFiles();
                throw failure;
            }
        }
        if (changed) writeFiles();
        else if (datasetDir.isPresent() && !now.isBefore(lastHeartbeat.plus(HEARTBEAT)) && anyActive()) writeLedger(now);
    }

    private boolean advance(Entry e, Instant now) {
        boolean changed = false;
        if (e.state == State.PENDING && !now.isBefore(e.plannedStart)) {
            e.applied = mechanism.inject(e.fault, injection(e, 0), e.plannedEnd);
            e.rampStep = 1;
            e.actualStart = e.applied.appliedAt();
            e.state = State.ACTIVE;
            changed = true;
        }
        if (e.state != State.ACTIVE) return changed;
        while (e.rampStep < e.steps() && !now.isBefore(e.stepDue(e.rampStep)) && now.isBefore(e.plannedEnd)) {
            Applied stronger = mechanism.inject(e.fault, injection(e, e.rampStep), e.plannedEnd); // the new step first: no gap without the fault
            Applied weaker = e.applied;
            e.applied = stronger;
            e.rampStep++;
            weaker.recover();
        }
        e.applied.tick(now);
        if (!now.isBefore(e.plannedEnd)) {
            recover(e);
            changed = true;
        }
        return changed;
    }

    private Injection injection(Entry e, int step) {
        return new Injection(mesh, e.spec, scenario, graph, (step + 1) / (double) e.steps());
    }

    private void recover(Entry e) {
        e.actualEnd = e.applied.recover();
        e.state = State.DONE;
    }

    private boolean anyActive() {
        return entries.values().stream().anyMatch(e -> e.state == State.ACTIVE);
    }

    /**
     * Injects a fault now (control API). Its {@code at} is ignored: it starts at once and lasts its
     * duration; the label records it with {@code source}. Throws IllegalArgumentException for an
     * invalid spec or a duplicate id, FaultInjectionException if the mesh refuses it.
     */
    public synchronized LabelRecord injectNow(FaultSpec spec, String source) {
        if (closed) throw new IllegalStateException("the run is over: no more faults");
        if (entries.containsKey(spec.id())) throw new IllegalArgumentException("a fault with id \"" + spec.id() + "\" already exists");
        Fault fault = catalog.parse(spec);
        checkTarget(spec);
        Instant now = clock.instant();
        Entry e = new Entry(spec, fault, source, now);
        entries.put(spec.id(), e);
        try {
            advance(e, now);
        } catch (RuntimeException ex) {
            e.state = State.FAILED;
            writeFiles();
            throw new FaultInjectionException("fault \"" + spec.id() + "\" (" + spec.kind() + " on " + spec.target() + ") could not be applied: " + ex.getMessage(), ex);
        }
        writeFiles();
        return label(e);
    }

    private void checkTarget(FaultSpec spec) {
        var service = scenario.service(spec.target().service());
        if (service.isEmpty()) {
            throw new IllegalArgumentException("target.service: unknown service \"" + spec.target().service() + "\"; services: " + scenario.services().keySet());
        }
        spec.target().caller().ifPresent(c -> {
            if (!graph.callees(c).contains(spec.target().service())) {
                throw new IllegalArgumentException("target.caller: \"" + c + "\" never calls \"" + spec.target().service() + "\"");
            }
        });
        spec.target().endpoint().ifPresent(ep -> {
            if (service.get().endpoint(ep).isEmpty()) throw new IllegalArgumentException("target.endpoint: \"" + spec.target().service() + "\" has no endpoint \"" + ep + "\"");
        });
        spec.target().replicas().ifPresent(rs -> rs.forEach(r -> {
            if (r < 0 || r >= service.get().replicas()) throw new IllegalArgumentException("target.replicas: replica " + r + " does not exist");
        }));
    }

    /** Recovers one fault now (control API); returns its label. Recovering a finished fault is a no-op. */
    public synchronized LabelRecord recoverNow(String id) {
        Entry e = entries.get(id);
        if (e == null) throw new IllegalArgumentException("no fault with id \"" + id + "\"; faults: " + entries.keySet());
        if (e.state == State.PENDING) {
            e.state = State.DONE; // never applied: it will not run
            e.plannedEnd = e.plannedStart;
            e.cancelled = "recovered by hand (control API) at " + DatasetFiles.instant(clock.instant()) + ", before its planned start: it never acted";
        } else if (e.state == State.ACTIVE) {
            recover(e);
        }
        writeFiles();
        return label(e);
    }

    public synchronized List<LabelRecord> labels() {
        return entries.values().stream().map(this::label).toList();
    }

    /** Ids of faults in force now. */
    public synchronized List<String> active() {
        return entries.values().stream().filter(e -> e.state == State.ACTIVE).map(e -> e.spec.id()).toList();
    }

    private LabelRecord label(Entry e) {
        return new LabelRecord(e.spec.id(), e.spec.kind(), e.fault.describe(), e.source, e.spec.target(), e.spec.parameters(),
                e.plannedStart, e.plannedEnd, Optional.ofNullable(e.actualStart), Optional.ofNullable(e.actualEnd),
                Impact.rootCauses(e.fault, e.spec.target()), Impact.affected(e.fault, e.spec.target(), graph),
                mechanism.name(e.fault, injection(e, e.steps() - 1)), Optional.ofNullable(e.cancelled));
    }

    /** Recovers everything still applied; returns the failures (each fault is tried even if another fails). */
    private List<RuntimeException> recoverAll() {
        List<RuntimeException> failures = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.state != State.ACTIVE) continue;
            try {
                recover(e);
            } catch (RuntimeException ex) {
                failures.add(ex);
            }
        }
        writeFiles();
        return failures;
    }

    /**
     * Recovers every applied fault now and stops the schedule (idempotent), for a caller's own
     * shutdown path that must see the labels final before it writes them (the run's signal hook).
     */
    public void recoverForShutdown() {
        recoverOnShutdown();
    }

    private void recoverOnShutdown() {
        closed = true;
        synchronized (this) {
            List<RuntimeException> failures = recoverAll();
            failures.forEach(f -> System.err.println("microsim: could not recover a fault at shutdown: " + f));
        }
    }

    /** Stops the schedule, recovers everything still applied, and throws the run's first fault failure if there was one. */
    @Override
    public void close() {
        closed = true;
        Thread d;
        synchronized (this) {
            d = driver;
        }
        if (d != null && d != Thread.currentThread()) {
            d.interrupt();
            try {
                d.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<RuntimeException> failures;
        FaultInjectionException first;
        synchronized (this) {
            failures = recoverAll();
            first = failure;
            if (shutdownHook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException alreadyShuttingDown) {
                    // the hook is running or ran: it recovers the same way
                }
                shutdownHook = null;
            }
        }
        FaultInjectionException thrown;
        if (first != null) {
            // A new exception, never the stored one: the run may already be failing with that very instance
            // (checkHealthy), and try-with-resources cannot add an exception as suppressed to itself.
            thrown = new FaultInjectionException("the fault schedule failed: " + first.getMessage(), first);
        } else if (!failures.isEmpty()) {
            thrown = new FaultInjectionException("could not recover " + failures.size() + " fault(s): " + failures.get(0).getMessage(), failures.get(0));
        } else {
            return;
        }
        failures.forEach(thrown::addSuppressed);
        throw thrown;
    }

    // ---- files ----

    private void writeFiles() {
        labels().forEach(labelListener);
        if (datasetDir.isPresent()) writeLedger(clock.instant());
    }

    /**
     * A ledger that cannot be written (disk full) fails the run, which then recovers its faults:
     * without the ledger a crash could not be cleaned up. Never thrown from here, so recovery
     * itself goes on when the disk is full.
     */
    private void ledgerFailed(java.io.UncheckedIOException e) {
        if (failure == null) failure = new FaultInjectionException("cannot keep the fault ledger: " + e.getMessage(), e);
    }

    /** The ledger of faults applied right now, with a heartbeat: what `microsim recover` cleans if this JVM dies. */
    private void writeLedger(Instant now) {
        lastHeartbeat = now;
        ObjectNode root = DatasetFiles.JSON.createObjectNode();
        root.put("formatVersion", 1);
        root.put("mode", "local");
        root.put("pid", ProcessHandle.current().pid());
        root.put("aliveAt", DatasetFiles.instant(now));
        ArrayNode applied = root.putArray("applied");
        for (Entry e : entries.values()) {
            if (e.state != State.ACTIVE) continue;
            ObjectNode n = applied.addObject();
            n.put("id", e.spec.id());
            n.put("kind", e.spec.kind());
            n.set("target", DatasetFiles.target(e.spec.target()));
            n.put("appliedAt", DatasetFiles.instant(e.actualStart));
        }
        // A journal of every label as of now: if this JVM dies before the recorder writes labels.json,
        // `microsim recover` rebuilds it from here.
        root.set("labels", DatasetFiles.labels(labels()).get("faults"));
        try {
            DatasetFiles.write(datasetDir.get().resolve(DatasetFiles.LEDGER), root);
        } catch (java.io.UncheckedIOException e) {
            ledgerFailed(e);
        }
    }

    /** The scenario whose schedule this injector runs (hand faults are checked against its mesh). */
    public Scenario scenario() {
        return scenario;
    }
}
