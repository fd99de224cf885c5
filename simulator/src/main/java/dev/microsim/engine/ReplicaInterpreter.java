package dev.microsim.engine;

import dev.microsim.faults.effect.Effect;
import dev.microsim.model.request.RequestKey;
import dev.microsim.telemetry.LogRecord.Level;
import dev.microsim.telemetry.LogTemplates;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How one replica of a service treats requests, whatever engine runs it: admission (concurrency
 * limit, bounded queue, 503), the server-side fault effects resolved at admission, the endpoint's
 * script ({@link Script}, calls in {@link Calls}), memory accounting, and the status of the answer.
 * It acts only through its {@link ReplicaEngine} (time, timers, CPU, calls) and {@link TelemetryPort}
 * (spans, logs); all of it runs on the replica's thread (see {@link ReplicaEngine}).
 */
public final class ReplicaInterpreter {
    final MeshModel mesh;
    final ServiceState service;
    final int index;
    final String instance;
    final ReplicaEngine engine;
    final TelemetryPort telemetry;
    final Script script;
    final Calls calls;
    private final Admission admission;
    /**
     * The running requests, a list linked through the requests themselves (no hashing per request),
     * in admission order, so a kill loses them in the same order in every fast-mode run.
     */
    private Request runningHead;
    private Request runningTail;
    private final AtomicLong requestMemory = new AtomicLong();
    final AtomicLong effectMemory = new AtomicLong();
    private final long baselineMemory;
    /** Stand-in keys for requests that came without {@code x-microsim-key} (hand-made; not reproducible). */
    private long handMade;
    private volatile boolean up;
    private volatile long downSinceNanos;

    ReplicaInterpreter(MeshModel mesh, ServiceState service, int index, String instance, ReplicaEngine engine, TelemetryPort telemetry) {
        this.mesh = mesh;
        this.service = service;
        this.index = index;
        this.instance = instance;
        this.engine = engine;
        this.telemetry = telemetry;
        this.script = new Script(this);
        this.calls = new Calls(this);
        var res = service.spec.resources();
        this.admission = new Admission(res.concurrency(), res.queue());
        // A process holds some memory before serving anything: an eighth of its limit, at most 64 MiB.
        this.baselineMemory = Math.min(64L << 20, res.memory().bytes() / 8);
    }

    public ServiceState service() {
        return service;
    }

    public int index() {
        return index;
    }

    public String instance() {
        return instance;
    }

    public ReplicaEngine engine() {
        return engine;
    }

    public TelemetryPort telemetry() {
        return telemetry;
    }

    public boolean up() {
        return up;
    }

    public long downSinceNanos() {
        return downSinceNanos;
    }

    public int inflight() {
        return up ? admission.running() : 0;
    }

    public int queued() {
        return up ? admission.queued() : 0;
    }

    public long memoryBytes() {
        return up ? baselineMemory + requestMemory.get() + effectMemory.get() : 0;
    }

    public long memoryLimit() {
        return service.spec.resources().memory().bytes();
    }

    // ---------------------------------------------------------------- lifecycle (replica's thread)

    /** The replica serves from now on; {@code port} is what its start log line says it listens on. */
    public void started(int port) {
        up = true;
        telemetry.log(Level.INFO, null, LogTemplates.STARTED, instance, port);
    }

    /**
     * Crash: in-flight and queued requests are lost (counted as 502, their connections reset), memory
     * held by requests is gone. The engine closes the replica's ports itself. Returns false if it was down.
     */
    public boolean kill() {
        if (!up) return false;
        up = false;
        downSinceNanos = engine.now();
        List<Request> lost = new ArrayList<>();
        for (Request r = runningHead; r != null; r = r.next) lost.add(r);
        lost.addAll(admission.clear());
        runningHead = null;
        runningTail = null;
        requestMemory.set(0);
        long now = engine.now();
        for (Request rc : lost) {
            rc.killed = true;
            rc.finished = true;
            rc.route.stats().completed(now - rc.arrivalNanos, 502);
            rc.span.end(502, true);
            rc.inbound.reset();
        }
        telemetry.log(Level.WARN, null, LogTemplates.STOPPED, instance);
        return true;
    }

    // ---------------------------------------------------------------- requests

    /** A request arrived at this replica (the engine has already answered malformed ones). */
    public void onRequest(Inbound in) {
        long arrival = engine.now();
        ServiceState.Route route = service.route(in.method(), in.path());
        RequestSpan span = telemetry.serverSpan(route == null ? in.method() + " " + in.path() : route.key(), in);
        if (route == null) {
            span.end(404, false);
            in.respond(404, 0);
            return;
        }
        long key;
        if (in.hasKey()) {
            key = in.key();
        } else {
            // No key (a hand-made request): number it per replica. Its draws then depend on arrival
            // order, as documented: only load-generated (keyed) requests are reproducible.
            key = RequestKey.mix(RequestKey.mix(instance.hashCode()) ^ handMade++);
        }
        span.requestKey(key);
        Request rc = new Request(this, in, route, arrival, span, key, RequestRandom.streamSeed(mesh.mixedSeed, key, route.streamSalt()));
        int held = mesh.effects.heldSlots(service.name(), index);
        switch (admission.admit(rc, held)) {
            case RUN -> begin(rc);
            case QUEUED -> { }
            case REJECTED -> {
                route.stats().rejected();
                telemetry.log(Level.WARN, span, LogTemplates.REJECTED, route.key(), admission.queued(), admission.limit() - held);
                rc.finished = true;
                respond(rc, 503);
            }
        }
    }

    private void begin(Request rc) {
        rc.admitted = true;
        link(rc);
        long mem = rc.route.endpoint().memoryPerRequest().bytes();
        if (mem > 0) {
            rc.memoryBytes = mem;
            requestMemory.addAndGet(mem);
        }
        ServerPlan plan = mesh.effects.serverPlan(service.name(), index, rc.route.endpoint().id(), rc.random);
        rc.plan = plan;
        if (plan.abort() != null) {
            Effect.Abort a = plan.abort();
            if (a.exception() != null && !a.exception().isBlank()) {
                telemetry.log(Level.ERROR, rc.span, LogTemplates.ABORTED, rc.route.key(), a.exception() + stackTrace(a.exception()));
            }
            finish(rc, a.status());
            return;
        }
        if (plan.hang() != null) {
            Runnable resume = () -> engine.execute(() -> afterDelay(rc));
            if (plan.hang().park(resume)) {
                // The caller gives up by going away (closing the connection, timing out): free the slot then.
                rc.inbound.onCallerGone(() -> {
                    plan.hang().unpark(resume);
                    finish(rc, 504);
                });
                return;
            }
        }
        afterDelay(rc);
    }

    private void afterDelay(Request rc) {
        if (rc.finished) return;
        long delay = rc.plan.delayNanos();
        if (delay > 0) engine.schedule(delay, () -> runScript(rc));
        else runScript(rc);
    }

    private void runScript(Request rc) {
        if (rc.finished) return;
        engine.serve(rc);
    }

    /** The script is over ({@code ok}: every step succeeded): the endpoint's error rate, then the answer. */
    void scriptDone(Request rc, boolean ok) {
        if (rc.finished) return;
        if (!ok) {
            finish(rc, 500);
        } else if (rc.route.endpoint().errorProbability() > 0 && rc.random.nextDouble() < rc.route.endpoint().errorProbability()) {
            finish(rc, 500);
        } else {
            finish(rc, 200);
        }
    }

    private void finish(Request rc, int status) {
        if (rc.finished) return;
        rc.finished = true;
        respond(rc, status);
        if (status >= 500) {
            telemetry.log(Level.ERROR, rc.span, LogTemplates.FAILED, rc.route.key(), status);
        } else if (mesh.accessLogShare > 0 && rc.random.nextDouble() < mesh.accessLogShare) {
            telemetry.log(Level.INFO, rc.span, LogTemplates.SERVED, rc.route.key(), (engine.now() - rc.arrivalNanos) / 1_000_000);
        }
        if (rc.admitted) {
            unlink(rc);
            if (rc.memoryBytes > 0) requestMemory.addAndGet(-rc.memoryBytes);
            admission.release();
            pump();
        }
    }

    private void link(Request rc) {
        rc.prev = runningTail;
        rc.next = null;
        if (runningTail == null) runningHead = rc;
        else runningTail.next = rc;
        runningTail = rc;
    }

    private void unlink(Request rc) {
        if (rc.prev == null) runningHead = rc.next;
        else rc.prev.next = rc.next;
        if (rc.next == null) runningTail = rc.prev;
        else rc.next.prev = rc.prev;
        rc.prev = null;
        rc.next = null;
    }

    /** Starts waiting requests while slots are free; requests whose caller already left are dropped (499). */
    void pump() {
        int held = mesh.effects.heldSlots(service.name(), index);
        Request next;
        while ((next = admission.next(held)) != null) {
            if (next.inbound.callerGone()) {
                next.admitted = false;
                admission.release();
                next.finished = true;
                next.route.stats().completed(engine.now() - next.arrivalNanos, 499);
                next.span.end(499, false);
                continue;
            }
            begin(next);
        }
    }

    private void respond(Request rc, int status) {
        // Counted before the answer goes out: a client that has its answer must find the request in the
        // service's counters and spans (reading them right after would otherwise race the event loop).
        rc.route.stats().completed(engine.now() - rc.arrivalNanos, status);
        rc.span.end(status, status >= 500);
        if (!rc.killed && !rc.inbound.callerGone()) {
            rc.inbound.respond(status, status < 400 ? rc.route.endpoint().responseSize().bytes() : 0);
        }
    }

    private String stackTrace(String exception) {
        String name = service.name();
        String pkg = "dev.shop." + name.replace('-', '_');
        String cls = Character.toUpperCase(name.charAt(0)) + name.substring(1).replace("-", "") + "Handler";
        return "\n\tat " + pkg + "." + cls + ".handle(" + cls + ".java:" + (40 + index) + ")"
                + "\n\tat io.vertx.core.impl.ContextImpl.emit(ContextImpl.java:342)"
                + "\n\tat io.netty.util.concurrent.SingleThreadEventExecutor$4.run(SingleThreadEventExecutor.java:997)";
    }
}
