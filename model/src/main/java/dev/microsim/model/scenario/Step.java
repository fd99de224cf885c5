package dev.microsim.model.scenario;

import dev.microsim.model.units.Durations;
import dev.microsim.model.dist.Distribution;
import dev.microsim.model.units.ByteSize;
import java.time.Duration;
import java.util.List;

/** One instruction of an endpoint's script. Steps run in order; {@link Parallel} runs its children concurrently. */
public sealed interface Step permits Step.Compute, Step.Sleep, Step.Io, Step.Call, Step.Parallel {

    /** Burns real CPU for the drawn time, accounted to the service. */
    record Compute(Distribution time) implements Step {
        public Compute {
            if (time == null) throw new IllegalArgumentException("time is required");
        }
    }

    /** Waits without using CPU (a timer, never a blocked thread): think time, external latency. */
    record Sleep(Distribution time) implements Step {
        public Sleep {
            if (time == null) throw new IllegalArgumentException("time is required");
        }
    }

    /** Waits on simulated disk/database I/O: like sleep, but a slow-disk fault stretches it. */
    record Io(Distribution time) implements Step {
        public Io {
            if (time == null) throw new IllegalArgumentException("time is required");
        }
    }

    /**
     * A real HTTP request to another service's endpoint, made with the given probability,
     * abandoned after {@code timeout}, retried up to {@code retries} times on error or timeout.
     */
    record Call(EndpointRef to, double probability, ByteSize requestSize, Duration timeout, int retries) implements Step {
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

        public Call {
            if (to == null) throw new IllegalArgumentException("to is required");
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("probability must be in [0, 1], got " + probability);
            }
            if (requestSize == null) requestSize = ByteSize.ZERO;
            if (timeout == null) timeout = DEFAULT_TIMEOUT;
            if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be > 0, got " + Durations.shown(timeout));
            if (retries < 0) throw new IllegalArgumentException("retries must be >= 0, got " + retries);
        }

        public static Call to(EndpointRef to) {
            return new Call(to, 1.0, ByteSize.ZERO, DEFAULT_TIMEOUT, 0);
        }
    }

    record Parallel(List<Step> steps) implements Step {
        public Parallel {
            if (steps == null || steps.isEmpty()) throw new IllegalArgumentException("parallel needs at least one step");
            steps = List.copyOf(steps);
        }
    }
}
