package dev.microsim.sim;

import dev.microsim.engine.CallError;
import dev.microsim.engine.CallResult;
import dev.microsim.engine.Cancellable;
import dev.microsim.engine.Inbound;
import dev.microsim.engine.Outbound;
import java.util.ArrayList;
import java.util.List;

/**
 * One request in flight in virtual time: the callee's {@link Inbound} and the caller's handle on it.
 * Each way takes one hop of the mesh's platform ({@link PlatformDraws#hop}); a caller that gives up
 * ({@link #cancel}) makes the callee see its caller gone one hop later, as a reset connection would.
 */
final class SimCall implements Inbound, Cancellable {
    private static final CallError CLOSED = new CallError(CallError.Kind.OTHER, "HttpClosedException: Connection was closed", null);

    final Outbound out;
    private final CallResult result;
    private final EventLoop loop;
    private final PlatformDraws platform;
    private boolean gone;
    private boolean answered;
    private List<Runnable> onGone;

    SimCall(Outbound out, CallResult result, EventLoop loop, PlatformDraws platform) {
        this.out = out;
        this.result = result;
        this.loop = loop;
        this.platform = platform;
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
        loop.after(platform.hop(), () -> {
            if (!gone) result.answered(status, bodyBytes);
        });
    }

    @Override
    public void reset() {
        if (gone || answered) return;
        answered = true;
        loop.after(platform.hop(), () -> {
            if (!gone) result.failed(CLOSED);
        });
    }

    /** The callee is not there (a killed replica's closed port): the caller is refused one hop later. */
    void refuse() {
        answered = true;
        loop.after(platform.hop(), () -> {
            if (!gone) result.failed(CallError.refused(null));
        });
    }

    /** The caller gave up (timeout): the callee sees it gone one hop later. */
    @Override
    public void cancel() {
        if (gone) return;
        gone = true;
        List<Runnable> actions = onGone;
        onGone = null;
        if (actions != null) loop.after(platform.hop(), () -> actions.forEach(Runnable::run));
    }
}
