package dev.microsim.detector.traces;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microsim.detector.io.InputException;
import dev.microsim.detector.io.InputProblem;
import dev.microsim.detector.io.ProblemCollector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads a span dump into a {@link SpanTable}. Two shapes, even mixed in one file, one JSON value
 * after another (JSON lines or not):
 *
 * <ul>
 *   <li>flat spans, as MicroSim's {@code traces.jsonl} (docs/dataset-format.md):
 *       {@code traceId, spanId, parentSpanId, service, name, kind, start, durationMicros, status, error};
 *       also accepted: {@code parentId}, {@code serviceName}, {@code operationName}, {@code startTimeUnixNano}
 *       with {@code endTimeUnixNano}, {@code end} instead of a duration;</li>
 *   <li>OTLP/JSON export requests ({@code {"resourceSpans": [...]}}, as the OpenTelemetry
 *       Collector's file exporter writes them): service from the resource's {@code service.name},
 *       status from {@code http.response.status_code} / {@code http.status_code}, error when the
 *       status code is 2 (ERROR) or the HTTP status is 5xx.</li>
 * </ul>
 *
 * Every bad span is reported (file, line, field, value), all at once; nothing is dropped silently.
 */
public final class SpanReader {

    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper TREE = new ObjectMapper();

    public SpanTable read(Path file) throws InputException {
        SpanTable.Builder spans = SpanTable.builder();
        ProblemCollector problems = new ProblemCollector();
        try (InputStream in = Files.newInputStream(file); JsonParser parser = JSON.createParser(in)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                long line = parser.currentTokenLocation().getLineNr();
                if (token != JsonToken.START_OBJECT) {
                    problems.add(InputProblem.at(file, line, null, parser.getText(), "is not a JSON object (a span or an OTLP export)"));
                    parser.skipChildren();
                    continue;
                }
                readObject(parser, file, line, spans, problems);
            }
        } catch (JsonParseException e) {
            problems.add(InputProblem.at(file, Math.max(1, e.getLocation() == null ? 1 : e.getLocation().getLineNr()), null, null,
                    "is not valid JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InputException(InputProblem.ofFile(file, "cannot be read: " + e.getMessage()));
        }
        problems.throwIfAny();
        return spans.build();
    }

    private void readObject(JsonParser p, Path file, long line, SpanTable.Builder spans, ProblemCollector problems) throws IOException {
        long traceHigh = 0, traceLow = 0, spanId = 0, parentId = 0, startMicros = -1, endMicros = -1;
        String service = null, name = null, kind = null, problem = null;
        long duration = -1, startNanos = -1, endNanos = -1;
        int status = 0;
        boolean error = false, sawId = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("resourceSpans")) {
                JsonNode tree = TREE.readTree(p);
                new OtlpSpans(file, line, spans, problems).readResourceSpans(tree);
                continue;
            }
            if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                p.skipChildren();
                continue;
            }
            boolean isNull = value == JsonToken.VALUE_NULL;
            switch (field) {
                case "traceId" -> {
                    if (!isNull) {
                        long[] trace = SpanIds.trace(p.getText());
                        traceHigh = trace[0];
                        traceLow = trace[1];
                    }
                }
                case "spanId" -> {
                    sawId = !isNull;
                    spanId = isNull ? 0 : hexOrHash(p);
                }
                case "parentSpanId", "parentId" -> parentId = isNull ? 0 : hexOrHash(p);
                case "service", "serviceName" -> service = isNull ? null : names.intern(p);
                case "name", "operationName" -> name = isNull ? null : names.intern(p);
                case "kind" -> kind = isNull ? null : names.intern(p);
                case "start" -> {
                    startMicros = isNull ? -1 : isoMicros(p);
                    if (startMicros == Long.MIN_VALUE) {
                        problem = "start: \"" + p.getText() + "\" is not an ISO-8601 instant";
                    }
                }
                case "end" -> {
                    endMicros = isNull ? -1 : isoMicros(p);
                    if (endMicros == Long.MIN_VALUE) {
                        problem = "end: \"" + p.getText() + "\" is not an ISO-8601 instant";
                    }
                }
                case "durationMicros" -> duration = number(value, p);
                case "startTimeUnixNano" -> startNanos = isNull ? -1 : number(value, p);
                case "endTimeUnixNano" -> endNanos = isNull ? -1 : number(value, p);
                case "status" -> status = value == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : 0;
                case "error" -> error = value == JsonToken.VALUE_TRUE;
                default -> { } // instance, attributes a newer writer adds, ...
            }
        }
        if (!sawId && service == null && name == null) {
            return; // an OTLP wrapper object (its spans were read above) or an empty object
        }
        try {
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            require(sawId, "spanId");
            require(service != null && !service.isEmpty(), "service");
            require(name != null && !name.isEmpty(), "name");
            if (startMicros < 0) {
                if (startNanos < 0) {
                    throw new IllegalArgumentException("start: missing (give start or startTimeUnixNano)");
                }
                startMicros = startNanos / 1000;
            }
            if (duration < 0) {
                if (endMicros >= 0) {
                    duration = endMicros - startMicros;
                } else if (endNanos >= 0) {
                    duration = endNanos / 1000 - startMicros;
                } else {
                    throw new IllegalArgumentException("durationMicros: missing (give durationMicros, end or endTimeUnixNano)");
                }
            }
            if (duration < 0) {
                throw new IllegalArgumentException("durationMicros: " + duration + " is negative (the span ends before it starts)");
            }
            spans.add(traceHigh, traceLow, spanId == 0 ? 1 : spanId, parentId, service, name, SpanKind.parse(kind),
                    startMicros, duration, status, error || status >= 500);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            int colon = message.indexOf(": ");
            boolean named = colon > 0 && !message.substring(0, colon).contains(" ");
            problems.add(InputProblem.at(file, line, named ? message.substring(0, colon) : null, null,
                    named ? message.substring(colon + 2) : "is not a span: " + message));
        }
    }

    /** A 16-hex-digit id straight from the parser's buffer; anything else through {@link SpanIds}. */
    private static long hexOrHash(JsonParser p) throws IOException {
        char[] chars = p.getTextCharacters();
        int offset = p.getTextOffset();
        int length = p.getTextLength();
        if (length == 16) {
            long value = 0;
            for (int i = offset; i < offset + 16; i++) {
                int digit = Character.digit(chars[i], 16);
                if (digit < 0) {
                    return SpanIds.span(p.getText());
                }
                value = (value << 4) | digit;
            }
            return value == 0 ? 1 : value;
        }
        return SpanIds.span(p.getText());
    }

    private final TextInterner names = new TextInterner();

    private static long number(JsonToken value, JsonParser p) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getLongValue();
        }
        if (value == JsonToken.VALUE_STRING) {
            return Long.parseLong(p.getText());
        }
        return -1;
    }

    private static void require(boolean present, String field) {
        if (!present) {
            throw new IllegalArgumentException(field + ": missing");
        }
    }

    /** An ISO-8601 instant in epoch microseconds, or Long.MIN_VALUE when it is not one. */
    private static long isoMicros(JsonParser p) throws IOException {
        char[] c = p.getTextCharacters();
        int o = p.getTextOffset();
        if (p.getTextLength() == 24 && c[o + 4] == '-' && c[o + 10] == 'T' && c[o + 19] == '.' && c[o + 23] == 'Z') {
            long micros = fixedMicros(c, o);
            if (micros != Long.MIN_VALUE) {
                return micros;
            }
        }
        try {
            Instant instant = Instant.parse(p.getText());
            return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000;
        } catch (DateTimeParseException e) {
            return Long.MIN_VALUE;
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss.SSSZ} (MicroSim's spelling) by hand: Instant.parse costs more than the rest of a span. */
    private static long fixedMicros(char[] c, int o) {
        int year = digits(c, o, 4), month = digits(c, o + 5, 2), day = digits(c, o + 8, 2);
        int hour = digits(c, o + 11, 2), minute = digits(c, o + 14, 2), second = digits(c, o + 17, 2), milli = digits(c, o + 20, 3);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth() || hour < 0
                || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || milli < 0) {
            return Long.MIN_VALUE;
        }
        long days = java.time.LocalDate.of(year, month, day).toEpochDay();
        return ((days * 86_400 + hour * 3600L + minute * 60L + second) * 1000 + milli) * 1000;
    }

    private static int digits(char[] c, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char ch = c[i];
            if (ch < '0' || ch > '9') {
                return -1;
            }
            value = value * 10 + (ch - '0');
        }
        return value;
    }
}
