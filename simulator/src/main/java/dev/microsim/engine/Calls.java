package dev.microsim.engine;

import dev.microsim.faults.effect.Effect;
import dev.microsim.model.scenario.EndpointId;
import dev.microsim.model.scenario.Step;
import dev.microsim.telemetry.LogRecord.Level;
import dev.microsim.telemetry.LogTemplates;

/**
 * A call step: the probability (drawn once per call), the call-side fault effects resolved once per
 * call at the caller (delay, refused/reset/black-holed connections, bandwidth, redirect, retry storms,
 * amplification), a total timeout per attempt, and immediate retries (or the retry-storm effect's
 * backoff). Each attempt is a CLIENT span and carries its own child request key (parent key, step
 * position, amplified copy, attempt), so the callee's draws are reproducible too. The engine only
 * transports the attempt ({@link ReplicaEngine#send}); every rule lives here.
 */
final class Calls {
    /** Span names of call targets ("GET /x"), made once rather than per call. */
    private static final java.util.concurrent.ConcurrentHashMap<EndpointId, String> NAMES = new java.util.concurrent.ConcurrentHashMap<>();
    private final ReplicaInterpreter replica;
    /** The last span name made here, by its endpoint's identity: a call step names the same instance every time (no hashing per call). */
    private volatile Named lastName;

    private record Named(EndpointId endpoint, String name) {}

    Calls(ReplicaInterpreter replica) {
        this.replica = replica;
    }

    private String spanName(EndpointId endpoint) {
        Named n = lastName;
        if (n != null && n.endpoint == endpoint) return n.name;
        String name = spanName(endpoint);
        lastName = new Named(endpoint, name);
        return name;
    }

    /** @param path the call step's place in the script ({@link RequestRandom#stepPath}), part of the callee's request key */
    void call(Request rc, Step.Call call, long path, StepDone done) {
        if (call.probability() < 1 && rc.random.nextDouble() >= call.probability()) {
            done.done(true);
            return;
        }
        String callee = call.to().service();
        CallPlan plan = replica.mesh.effects.callPlan(replica.service.name(), callee, call.to().endpoint(), rc.random);
        int copies = (int) Math.floor(plan.amplify());
        if (rc.random.nextDouble() < plan.amplify() - copies) copies++;
        if (copies <= 1) {
            new Attempt(rc, call, plan, path, 0, 0, done).start();
            return;
        }
        // Amplified: every copy at once; the call fails at the first failed copy, succeeds when all did.
        int[] left = {copies};
        boolean[] over = {false};
        StepDone each = ok -> {
            if (over[0]) return;
            if (!ok) {
                over[0] = true;
                done.done(false);
            } else if (--left[0] == 0) {
                over[0] = true;
                done.done(true);
            }
        };
        for (int i = 0; i < copies; i++) new Attempt(rc, call, plan, path, i, 0, each).start();
    }

    /** One attempt of one copy of a call; on failure it starts the next attempt while retries are left. */
    private final class Attempt implements CallResult, Runnable {
        private final Request rc;
        private final Step.Call call;
        private final CallPlan plan;
        private final long path;
        private final int copy;
        private final int attempt;
        private final StepDone done;
        private final EndpointId endpoint;
        private final long timeoutMillis;
        private RequestSpan span;
        private long started;
        private Cancellable timer = Cancellable.NONE;
        private Cancellable inFlight = Cancellable.NONE;
        private boolean settled;

        Attempt(Request rc, Step.Call call, CallPlan plan, long path, int copy, int attempt, StepDone done) {
            this.rc = rc;
            this.call = call;
            this.plan = plan;
            this.path = path;
            this.copy = copy;
            this.attempt = attempt;
            this.done = done;
            this.endpoint = call.to().endpoint();
            this.timeoutMillis = Math.max(1, call.timeout().toMillis());
        }

        private int retries() {
            return plan.retries() >= 0 ? plan.retries() : call.retries();
        }

        void start() {
            span = replica.telemetry.clientSpan(rc.span, NAMES.computeIfAbsent(endpoint, EndpointId::toString), call.to().service());
            Effect.CallFailure.Mode failure = plan.failure();
            if (failure == Effect.CallFailure.Mode.REFUSED) {
                fail(CallError.refused(new java.net.ConnectException("Connection refused (fault: " + call.to().service() + " unreachable)")));
            } else if (failure == Effect.CallFailure.Mode.BLACKHOLE) {
                timer = replica.engine.schedule(timeoutMillis * 1_000_000, () -> fail(CallError.timeout(timeoutMillis)));
            } else {
                started = replica.engine.now();
                if (plan.delayNanos() > 0) replica.engine.schedule(plan.delayNanos(), this::send);
                else send();
            }
        }

        private void send() {
            if (settled) return;
            long leftMillis = timeoutMillis - (replica.engine.now() - started) / 1_000_000;
            if (leftMillis <= 0) {
                fail(CallError.timeout(timeoutMillis));
                return;
            }
            String target = plan.redirectPath() != null ? plan.redirectPath() : endpoint.path();
            long childKey = RequestRandom.childKey(rc.key, path, copy, attempt);
            timer = replica.engine.schedule(leftMillis * 1_000_000, this);
            inFlight = replica.engine.send(new Outbound(call.to().service(), endpoint, target, childKey, span, call.requestSize().bytes(),
                    leftMillis * 1_000_000), this);
        }

        /** The attempt's total timeout: the call is abandoned (the attempt is its own timer, no closure per call). */
        @Override
        public void run() {
            if (settled) return;
            fail(CallError.timeout(timeoutMillis));
            inFlight.cancel();
        }

        @Override
        public void answered(int status, long responseBytes) {
            if (settled) return;
            timer.cancel();
            if (plan.failure() == Effect.CallFailure.Mode.RESET) {
                fail(CallError.reset());
            } else if (plan.bytesPerSecond() > 0) {
                long bytes = call.requestSize().bytes() + responseBytes;
                replica.engine.schedule(Math.round(bytes * 1e9 / plan.bytesPerSecond()), () -> complete(status));
            } else {
                complete(status);
            }
        }

        @Override
        public void failed(CallError error) {
            fail(error);
        }

        private void complete(int status) {
            if (settled) return;
            settled = true;
            span.end(status, status >= 500);
            after(status >= 400 ? CallError.status(status) : null);
        }

        private void fail(CallError error) {
            if (settled) return;
            settled = true;
            timer.cancel();
            span.fail(0, error);
            after(error);
        }

        private void after(CallError error) {
            if (error == null) {
                done.done(true);
                return;
            }
            String target = call.to().service() + " " + endpoint;
            long backoff = plan.retries() >= 0 ? plan.backoff().toNanos() : 0;
            if (attempt < retries() && !rc.killed) {
                replica.telemetry.log(Level.WARN, rc.span, LogTemplates.CALL_RETRY, target, error.reason(), backoff / 1_000_000);
                Attempt next = new Attempt(rc, call, plan, path, copy, attempt + 1, done);
                if (backoff > 0) replica.engine.schedule(backoff, next::start);
                else next.start();
                return;
            }
            replica.telemetry.log(Level.ERROR, rc.span, LogTemplates.CALL_FAILED, target, attempt + 1, error.reason());
            done.done(false);
        }
    }
}
