package dev.microsim.detector.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microsim.detector.io.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpanReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsMicroSimSpans() throws Exception {
        Path file = Files.writeString(dir.resolve("traces.jsonl"), """
                {"traceId":"7e4e260b2d23336111013638eded5178","spanId":"afb12239b2758b76","parentSpanId":"872ed689f288fe02","service":"frontend","instance":"frontend-0","name":"GET /currencies","kind":"CLIENT","start":"2026-12-01T21:02:34.010Z","end":"2026-12-01T21:02:34.678Z","durationMicros":668240,"status":200,"error":false}
                {"traceId":"7e4e260b2d23336111013638eded5178","spanId":"872ed689f288fe02","parentSpanId":null,"service":"frontend","name":"GET /","kind":"SERVER","start":"2026-12-01T21:02:34.000Z","durationMicros":700000,"status":503,"error":true}
                """);
        SpanTable spans = new SpanReader().read(file);
        assertThat(spans.size()).isEqualTo(2);
        assertThat(spans.service(0)).isEqualTo("frontend");
        assertThat(spans.name(0)).isEqualTo("GET /currencies");
        assertThat(spans.kind(0)).isEqualTo(SpanKind.CLIENT);
        assertThat(spans.startMicros(0)).isEqualTo(java.time.Instant.parse("2026-12-01T21:02:34.010Z").toEpochMilli() * 1000);
        assertThat(spans.durationMicros(0)).isEqualTo(668240);
        assertThat(spans.hasParent(0)).isTrue();
        assertThat(spans.hasParent(1)).isFalse();
        assertThat(spans.error(1)).isTrue();
        assertThat(spans.status(1)).isEqualTo(503);
    }

    @Test
    void readsOtlpJsonExportsAsTheCollectorWritesThem() throws Exception {
        Path file = Files.writeString(dir.resolve("otlp.json"), """
                {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"cart"}}]},
                  "scopeSpans":[{"scope":{"name":"x"},"spans":[
                    {"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","parentSpanId":"eee19b7ec3c1b173",
                     "name":"GET /cart","kind":2,"startTimeUnixNano":"1544712660000000000","endTimeUnixNano":"1544712661000000000",
                     "attributes":[{"key":"http.response.status_code","value":{"intValue":"500"}}],"status":{"code":2}},
                    {"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b175","name":"cache get","kind":"SPAN_KIND_CLIENT",
                     "startTimeUnixNano":"1544712660100000000","endTimeUnixNano":"1544712660200000000"}]}]}]}
                """);
        SpanTable spans = new SpanReader().read(file);
        assertThat(spans.size()).isEqualTo(2);
        assertThat(spans.service(0)).isEqualTo("cart");
        assertThat(spans.kind(0)).isEqualTo(SpanKind.SERVER);
        assertThat(spans.kind(1)).isEqualTo(SpanKind.CLIENT);
        assertThat(spans.durationMicros(0)).isEqualTo(1_000_000);
        assertThat(spans.status(0)).isEqualTo(500);
        assertThat(spans.error(0)).isTrue();
        assertThat(spans.error(1)).isFalse();
    }

    @Test
    void reportsEveryBadSpanWithItsLineAndField() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.jsonl"), """
                {"spanId":"0000000000000001","name":"GET /","start":"2026-12-01T21:02:34.000Z","durationMicros":5}
                {"spanId":"0000000000000002","service":"a","name":"GET /","start":"yesterday","durationMicros":5}
                {"spanId":"0000000000000003","service":"a","name":"GET /","start":"2026-12-01T21:02:34.000Z","end":"2026-12-01T21:02:33.000Z"}
                {"spanId":"0000000000000004","service":"a","name":"GET /","start":"2026-12-01T21:02:34.000Z"}
                [1, 2]
                """);
        assertThatThrownBy(() -> new SpanReader().read(file)).isInstanceOf(InputException.class).hasMessage(String.join("\n",
                file + ":1: column \"service\": missing",
                file + ":2: column \"start\": \"yesterday\" is not an ISO-8601 instant",
                file + ":3: column \"durationMicros\": -1000000 is negative (the span ends before it starts)",
                file + ":4: column \"durationMicros\": missing (give durationMicros, end or endTimeUnixNano)",
                file + ":5: \"[\" is not a JSON object (a span or an OTLP export)"));
    }
}
