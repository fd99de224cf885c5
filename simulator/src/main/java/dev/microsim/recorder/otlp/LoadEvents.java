package dev.microsim.recorder.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microsim.load.ClientStats;
import dev.microsim.load.ClientStatsSink;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.Logger;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The load's client side as OpenTelemetry events, so that a load generator in another process (the
 * load Job's {@code microsim drive}) reaches the recorder through any collector: {@value #STARTED}
 * once, when the first request goes out (the run's clock starts there), and {@value #INTERVAL} per
 * interval and target, its body the interval's numbers as JSON, read back into load.csv rows. Events,
 * not metrics, so that every number (counts by status, the percentiles) arrives exactly as the load
 * generator computed it.
 */
public final class LoadEvents {
    public static final String STARTED = "microsim.load.started";
    public static final String INTERVAL = "microsim.load.interval";
    static final AttributeKey<String> EVENT_NAME = AttributeKey.stringKey("event.name");
    private static final ObjectMapper JSON = new ObjectMapper();

    private LoadEvents() {}

    /**
     * A sink that emits the load's events through {@code logger}; {@code flush} runs right after the
     * start event (the recorder waits for it before the run's clock starts) and may be a no-op.
     */
    public static ClientStatsSink emitter(Logger logger, Runnable flush) {
        return new ClientStatsSink() {
            @Override
            public void accept(ClientStats stats) {
                emit(logger, stats);
            }

            @Override
            public void loadStarted(Instant at) {
                ObjectNode n = JSON.createObjectNode();
                n.put("at", at.toString());
                logger.logRecordBuilder().setTimestamp(nanos(at), TimeUnit.NANOSECONDS).setAttribute(EVENT_NAME, STARTED)
                        .setBody(n.toString()).emit();
                flush.run();
            }
        };
    }

    static void emit(Logger logger, ClientStats s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("intervalStart", s.intervalStart().toString());
        n.put("target", s.target());
        n.put("requests", s.requests());
        n.put("errors", s.errors());
        ObjectNode by = n.putObject("byStatus");
        s.byStatus().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> by.put(Integer.toString(e.getKey()), e.getValue()));
        putNumber(n, "p50Millis", s.p50Millis());
        putNumber(n, "p95Millis", s.p95Millis());
        putNumber(n, "p99Millis", s.p99Millis());
        logger.logRecordBuilder().setTimestamp(nanos(s.intervalStart()), TimeUnit.NANOSECONDS)
                .setAttribute(EVENT_NAME, INTERVAL).setBody(n.toString()).emit();
    }

    /** JSON has no NaN: an interval without answers leaves its percentiles out. */
    private static void putNumber(ObjectNode n, String field, double v) {
        if (!Double.isNaN(v)) n.put(field, v);
    }

    private static long nanos(Instant at) {
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }

    static boolean is(io.opentelemetry.proto.logs.v1.LogRecord r) {
        String name = OtlpValues.string(r.getAttributesList(), EVENT_NAME.getKey());
        return STARTED.equals(name) || INTERVAL.equals(name);
    }

    /** Hands the event in {@code r} to {@code sink}; a malformed body is an {@link IllegalArgumentException} naming the event. */
    static void deliver(io.opentelemetry.proto.logs.v1.LogRecord r, ClientStatsSink sink) {
        String name = OtlpValues.string(r.getAttributesList(), EVENT_NAME.getKey());
        JsonNode n;
        try {
            n = JSON.readTree(r.getBody().getStringValue());
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": the body is not JSON: " + e.getMessage(), e);
        }
        try {
            if (STARTED.equals(name)) {
                sink.loadStarted(Instant.parse(n.path("at").asText()));
                return;
            }
            Map<Integer, Long> by = new LinkedHashMap<>();
            n.path("byStatus").fields().forEachRemaining(e -> by.put(Integer.parseInt(e.getKey()), e.getValue().asLong()));
            sink.accept(new ClientStats(Instant.parse(n.path("intervalStart").asText()), n.path("target").asText(), n.path("requests").asLong(),
                    n.path("errors").asLong(), by, n.path("p50Millis").asDouble(Double.NaN), n.path("p95Millis").asDouble(Double.NaN),
                    n.path("p99Millis").asDouble(Double.NaN)));
        } catch (java.time.format.DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage() + " in " + r.getBody().getStringValue(), e);
        }
    }
}
