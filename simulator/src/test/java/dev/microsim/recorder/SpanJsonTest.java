package dev.microsim.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.microsim.telemetry.SpanRecord;
import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written span writer writes exactly what Jackson's generator writes, escapes and all. */
class SpanJsonTest {
    static final String[] NAMES = {"GET /cart", "POST /x?a=\"b\"", "GET /\\path", "GET /tab\there", "GET /caf\u00e9", "GET /\u0001ctl", "GET /\u2603",
            "cart-0", "", "GET /line\nbreak"};

    @Test
    void linesAreByteIdenticalToJacksonsForOrdinaryAndAwkwardValues() throws Exception {
        SplittableRandom r = new SplittableRandom(4);
        ByteArrayOutputStream jackson = new ByteArrayOutputStream();
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        JsonFactory f = new JsonFactory();
        f.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        JsonGenerator g = f.createGenerator(jackson).setRootValueSeparator(null);
        SpanJson w = new SpanJson(ours);
        IsoTime time = new IsoTime();
        for (int i = 0; i < 5000; i++) {
            long start = 1_767_225_600_000_000_000L + r.nextLong(0, 400_000_000_000_000L);
            SpanRecord s = new SpanRecord(Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong()), Long.toHexString(r.nextLong()),
                    r.nextBoolean() ? null : Long.toHexString(r.nextLong()), NAMES[r.nextInt(NAMES.length)], NAMES[r.nextInt(NAMES.length)],
                    NAMES[r.nextInt(NAMES.length)], r.nextBoolean() ? SpanRecord.Kind.SERVER : SpanRecord.Kind.CLIENT, start,
                    start + r.nextLong(0, 10_000_000_000L), r.nextInt(0, 600), r.nextBoolean());
            g.writeStartObject();
            g.writeStringField("traceId", s.traceId());
            g.writeStringField("spanId", s.spanId());
            g.writeStringField("parentSpanId", s.parentSpanId());
            g.writeStringField("service", s.service());
            g.writeStringField("instance", s.instance());
            g.writeStringField("name", s.name());
            g.writeStringField("kind", s.kind().name());
            g.writeStringField("start", time.format(s.startEpochNanos()));
            g.writeStringField("end", time.format(s.endEpochNanos()));
            g.writeNumberField("durationMicros", s.durationMicros());
            g.writeNumberField("status", s.status());
            g.writeBooleanField("error", s.error());
            g.writeEndObject();
            g.writeRaw('\n');
            w.write(s);
        }
        g.flush();
        w.flushBuffer();
        assertThat(ours.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(jackson.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(ours.toByteArray()).isEqualTo(jackson.toByteArray());
    }
}
