package dev.microsim.model.scenario;

import dev.microsim.model.units.ByteSize;
import dev.microsim.model.units.CpuCores;
import dev.microsim.model.units.Rate;
import java.time.Duration;

/**
 * The range of every numeric scenario field, in one place: the parser checks them (the message
 * names the limit), docs/scenario-format.md lists them, and the JSON Schema states the same
 * (ScenarioLimitsTest holds the three together). They bound what one machine can run: a field
 * outside its range is a mistake or would exhaust the machine (a billion replicas, a 1 ns
 * interval, a 100 TiB response), never something to accept and cap silently.
 */
public final class Limits {
    private Limits() {}

    /** A scenario file is read whole; beyond this it is refused before any YAML is scanned. */
    public static final long MAX_FILE_BYTES = 16L << 20;
    /**
     * The YAML scanner's cost grows with the square of a scalar's length (a 2 MB scalar takes
     * seconds, 50 MB never ends), so no line may be longer than this; checked before the scan.
     */
    public static final int MAX_LINE_CHARS = 64 * 1024;

    /** The largest mesh the engines are built for: 10,000 services in one JVM (docs/performance.md). */
    public static final int MAX_SERVICES = 10_000;
    public static final int MAX_REPLICAS = 100;
    /** Replicas over all services: each holds a server and its share of connection pools in the one JVM. */
    public static final int MAX_TOTAL_REPLICAS = 20_000;
    public static final int MAX_CONCURRENCY = 10_000;
    public static final int MAX_QUEUE = 100_000;
    public static final CpuCores MAX_CPU = new CpuCores(64_000);
    public static final ByteSize MIN_MEMORY = new ByteSize(1L << 20);
    public static final ByteSize MAX_MEMORY = new ByteSize(1L << 40);
    /** Request and response bodies: the runtime allocates a body of this size once and reuses it. */
    public static final ByteSize MAX_BODY = new ByteSize(64L << 20);
    public static final ByteSize MAX_MEMORY_PER_REQUEST = new ByteSize(1L << 30);

    /** A run, a load entry and every profile duration (ramp over, diurnal period, spike at/length). */
    public static final Duration MAX_DURATION = Duration.ofDays(30);
    public static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    public static final Duration MAX_INTERVAL = Duration.ofHours(1);
    /** Every duration inside a request: step draws (compute, sleep, io), think times, call timeouts. */
    public static final Duration MAX_STEP = Duration.ofHours(1);
    public static final int MAX_RETRIES = 10;

    /** Any arrival rate of a load profile (rate, from, to, base, amplitude, peak, stage rates). */
    public static final Rate MAX_RATE = Rate.perSecond(100_000);
    public static final int MAX_USERS = 10_000;
    public static final double MAX_WEIGHT = 1_000_000;
    public static final long MAX_REQUESTS = 1_000_000_000_000L;
}
