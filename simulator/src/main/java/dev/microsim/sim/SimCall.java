package dev.microsim.sim;

import dev.microsim.engine.CallError;
import dev.microsim.engine.CallResult;
import dev.microsim.engine.Cancellable;
import dev.microsim.engine.Inbound;
import dev.microsim.engine.Outbound;
import dev.microsim.engine.ReplicaInterpreter;
import java.util.ArrayList;
import java.util.List;

/**
 * One request in flight in virtual time: the callee's {@link Inbound} and the caller's handle on it.
 * Each way takes one hop of the mesh's platform ({@link PlatformDraws#hop}), plus its wake-up when the
 * sending replica's event loop had received nothing for a while ({@link PlatformDraws#wake}); each
 * arrival is a message received by the replica it reaches. A caller that gives up
 * ({@link #cancel}) makes the callee see its caller gone one hop later, as a reset connection would.
 * The call is itself the event of each hop ({@link #run}): the way there delivers it to the callee,
 * the way back hands the answer (or the failure) to the caller.
 */
final class SimCall implements Inbound, Cancellable, Runnable {
    private static final CallError CLOSED = new CallError(CallError.Kind.OTHER, "HttpClosedException: Connection was closed", null);

    final Outbound out;
    private final CallResult result;
    private final EventLoop loop;
    private final PlatformDraws platform;
    /** Who serves it, or null (no replica up: refused on arrival). */
    private final ReplicaInterpreter target;
    /** The replicas at each end (for the wake-up rule); the caller is null for load from outside. */
    private final SimReplica from;
    private final SimReplica to;
    private boolean gone;
    private boolean answered;
    private boolean delivered;
    /** What the way back carries: a status, or a failure (then status is unused). */
    private int status;
    private long bodyBytes;
    private CallError failure;
    private List<Runnable> onGone;

    SimCall(Outbound out, CallResult result, EventLoop loop, PlatformDraws platform, SimReplica from, SimReplica to) {
        this.out = out;
        this.result = result;
        this.loop = loop;
        this.platform = platform;
        this.from = from;
        this.to = to;
        this.target = to == null ? null : to.interpreter;
    }

    /** Sends it: the callee has it one hop from now (plus the caller's wake-up, if its loop idled). */
    void send() {
        loop.post(platform.hop() + (from == null ? 0 : platform.wake(from.lastReceived, loop.now())), this);
    }

    /** The way back: one hop, plus the callee's wake-up if its loop idled (the answer came after a wait). */
    private long wayBack() {
        return platform.hop() + (to == null ? 0 : platform.wake(to.lastReceived, loop.now()));
    }

    /** One hop has passed: the way there (delivered to the callee, or refused) or the way back (to the caller). */
    @Override
    public void run() {
        if (!delivered) {
            delivered = true;
            if (gone) return;
            if (target == null || !target.up()) {
                refuse();
            } else {
                to.lastReceived = loop.now();
                target.onRequest(this);
            }
        } else if (!gone) {
            if (from != null) from.lastReceived = loop.now();
            if (failure == null) result.answered(status, bodyBytes);
            else result.failed(failure);
        }
    }

    @Override
    public String method() {
        return out.endpoint().method();
    }

    @Override
    public String path() {
        return out.path();
    }

    @Override
    public boolean hasKey() {
        return true;
    }

    @Override
    public long key() {
        return out.key();
    }

    @Override
    public boolean callerGone() {
        return gone;
    }

    @Override
    public void onCallerGone(Runnable action) {
        if (gone) {
            action.run();
            return;
        }
        if (onGone == null) onGone = new ArrayList<>(1);
        onGone.add(action);
    }

    @Override
    public void respond(int status, long bodyBytes) {
        if (gone || answered) return;
        answered = true;
        this.status = status;
        this.bodyBytes = bodyBytes;
        loop.post(wayBack(), this);
    }

    @Override
    public void reset() {
        back(CLOSED);
    }

    /** The callee is not there (a killed replica's closed port): the caller is refused one hop later. */
    private void refuse() {
        back(CallError.refused(null));
    }

    private void back(CallError error) {
        if (gone || answered) return;
        answered = true;
        failure = error;
        loop.post(to != null && target.up() ? wayBack() : platform.hop(), this); // a refusal comes from no loop
    }

    /** The caller gave up (timeout): the callee sees it gone one hop later. */
    @Override
    public void cancel() {
        if (gone) return;
        gone = true;
        List<Runnable> actions = onGone;
        onGone = null;
        if (actions != null) loop.post(platform.hop(), () -> actions.forEach(Runnable::run));
    }
}
