package dev.microsim.faults.effect;

import dev.microsim.model.dist.Distribution;
import java.time.Duration;

/**
 * The closed set of behaviours the mesh runtime knows how to apply. Fault kinds (the catalogue)
 * are built from these; the runtime interprets each one. Effects are plain data: installing one
 * ({@link dev.microsim.faults.mesh.MeshTarget#apply}) makes it act on every later request or
 * replica it matches; removing its handle makes it stop at once. Several effects may overlap:
 * delays add up, multipliers multiply, the first matching failure wins.
 */
public sealed interface Effect {
    Scope scope();

    // ---- server side: a request admitted at a matching replica (it holds a concurrency slot) ----

    /** Adds a drawn delay (timer, no CPU) before the endpoint's steps run. */
    record Delay(Scope scope, Distribution delay) implements Effect {}

    /**
     * Answers with {@code status} without running the steps. With {@code exception} set the
     * service also logs an ERROR with that exception class and a stack trace.
     */
    record Abort(Scope scope, int status, String exception) implements Effect {
        public Abort {
            if (status < 400 || status > 599) throw new IllegalArgumentException("status must be in 400..599, got " + status);
        }
    }

    /** Never answers: the request holds its slot until the caller gives up or the effect is removed. */
    record Hang(Scope scope) implements Effect {}

    /** Multiplies the drawn cost of {@code compute} and {@code io} steps (bad deploy, slow disk). */
    record Slowdown(Scope scope, double computeFactor, double ioFactor) implements Effect {
        public Slowdown {
            if (!(computeFactor > 0) || !(ioFactor > 0)) throw new IllegalArgumentException("factors must be > 0");
        }
    }

    /** Takes {@code slots} of each matching replica's concurrency limit away (pool exhaustion). */
    record HoldSlots(Scope scope, int slots) implements Effect {
        public HoldSlots {
            if (slots < 1) throw new IllegalArgumentException("slots must be >= 1, got " + slots);
        }
    }

    // ---- call side: an outgoing call from scope.caller (any caller if empty) to scope.service ----

    /** Adds a drawn delay to the call, as if on the wire. */
    record CallDelay(Scope scope, Distribution delay) implements Effect {}

    /** The call fails without reaching the callee. */
    record CallFailure(Scope scope, Mode mode) implements Effect {
        public enum Mode {
            /** Connection refused at once (dependency unreachable, partition with RST). */
            REFUSED,
            /** Connection reset after sending (packet loss, reset). */
            RESET,
            /** Packets dropped: no answer until the caller's timeout (partition). */
            BLACKHOLE
        }
    }

    /** Limits the call's request and response bodies to {@code bytesPerSecond} (slow body). */
    record Bandwidth(Scope scope, long bytesPerSecond) implements Effect {
        public Bandwidth {
            if (bytesPerSecond < 1) throw new IllegalArgumentException("bytesPerSecond must be >= 1, got " + bytesPerSecond);
        }
    }

    /** Sends matching calls to {@code path} instead (misconfiguration; an unknown path answers 404). */
    record Redirect(Scope scope, String path) implements Effect {}

    /** Callers retry failed calls {@code retries} times with {@code backoff} between tries (retry storm). */
    record Retries(Scope scope, int retries, Duration backoff) implements Effect {}

    /** Each matching call is made {@code factor} times (cache failure: misses go downstream). */
    record Amplify(Scope scope, double factor) implements Effect {
        public Amplify {
            if (!(factor >= 1)) throw new IllegalArgumentException("factor must be >= 1, got " + factor);
        }
    }

    // ---- resources of matching replicas ----

    /** Burns {@code cores} of CPU in background work accounted to the replica (CPU hog). */
    record CpuBurn(Scope scope, double cores) implements Effect {}

    /**
     * Holds memory accounted to the replica: {@code initialBytes} at once, growing by
     * {@code growthBytesPerSecond} (leak). When a replica's accounted memory reaches its limit
     * the runtime OOM-kills and restarts it, counting a restart; the effect's memory is freed.
     */
    record Memory(Scope scope, long initialBytes, long growthBytesPerSecond) implements Effect {}

    // ---- telemetry ----

    /** Shifts the timestamps the replica writes in spans, metrics and logs. */
    record ClockSkew(Scope scope, Duration offset) implements Effect {}

    /** Writes {@code perSecond} extra log records (WARN/ERROR templates) per replica. */
    record LogStorm(Scope scope, double perSecond, String level) implements Effect {}
}
