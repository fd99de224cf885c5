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
 * Each way takes one hop of the mesh's platform ({@link PlatformDraws#hop}); a caller that gives up
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
    private boolean gone;
    private boolean answered;
    private boolean delivered;
    /** The arrival now running waited for an idle host's wake-up already. */
    private boolean waking;
    /** What the way back carries: a status, or a failure (then status is unused). */
    private int status;
    private long bodyBytes;
    private CallError failure;
    private List<Runnable> onGone;

    SimCall(Outbound out, CallResult result, EventLoop loop, PlatformDraws platform, ReplicaInterpreter target) {
        this.out = out;
        this.result = result;
        this.loop = loop;
        this.platform = platform;
        this.target = target;
    }

    /** Sends it: the callee has it one hop from now. */
    void send() {
        loop.post(platform.hop(), this);
    }

    /**
     * One hop has passed: the way there (delivered to the callee, or refused) or the way back (to the
     * caller). If this arrival is the first event-loop wake-up after the host idled, it first waits for
     * the platform's wake cost ({@link PlatformDraws#wakeUp}), then runs again.
     */
    @Override
    public void run() {
        if (waking) {
            waking = false;
        } else {
            long wake = platform.wakeUp(loop.now());
            if (wake > 0) {
                waking = true;
                loop.post(wake, this);
                return;
            }
        }
        if (!delivered) {
            delivered = true;
            if (gone) return;
            if (target == null || !target.up()) refuse();
            else target.onRequest(this);
        } else if (!gone) {
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
        loop.post(platform.hop(), this);
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
        loop.post(platform.hop(), this);
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
