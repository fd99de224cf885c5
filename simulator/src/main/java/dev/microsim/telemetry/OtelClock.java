package dev.microsim.telemetry;

import java.time.Clock;
import java.time.Instant;

/** Lets the OpenTelemetry SDK read the run's injected {@link Clock} (span start/end times). */
public final class OtelClock implements io.opentelemetry.sdk.common.Clock {
    private final Clock clock;

    public OtelClock(Clock clock) {
        this.clock = clock;
    }

    public static long epochNanos(Clock clock) {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public long now() {
        return epochNanos(clock);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }
}
