package dev.microsim.detector.traces;

import com.fasterxml.jackson.databind.JsonNode;
import dev.microsim.detector.io.InputProblem;
import dev.microsim.detector.io.ProblemCollector;
import java.nio.file.Path;

/** The spans of an OTLP/JSON {@code resourceSpans} array (trace/v1 JSON mapping). */
final class OtlpSpans {

    private final Path file;
    private final long line;
    private final SpanTable.Builder spans;
    private final ProblemCollector problems;

    OtlpSpans(Path file, long line, SpanTable.Builder spans, ProblemCollector problems) {
        this.file = file;
        this.line = line;
        this.spans = spans;
        this.problems = problems;
    }

    void readResourceSpans(JsonNode resourceSpans) {
        int r = 0;
        for (JsonNode resource : resourceSpans) {
            String service = attribute(resource.path("resource").path("attributes"), "service.name");
            int s = 0;
            JsonNode scopes = resource.has("scopeSpans") ? resource.get("scopeSpans") : resource.path("instrumentationLibrarySpans");
            for (JsonNode scope : scopes) {
                int k = 0;
                for (JsonNode span : scope.path("spans")) {
                    read(span, service, "resourceSpans[" + r + "].scopeSpans[" + s + "].spans[" + k + "]");
                    k++;
                }
                s++;
            }
            r++;
        }
    }

    private void read(JsonNode span, String service, String path) {
        String spanId = span.path("spanId").asText("");
        String name = span.path("name").asText("");
        String start = span.path("startTimeUnixNano").asText("");
        String end = span.path("endTimeUnixNano").asText("");
        if (service == null || spanId.isEmpty() || name.isEmpty() || start.isEmpty() || end.isEmpty()) {
            String missing = service == null ? "resource attribute service.name" : spanId.isEmpty() ? "spanId"
                    : name.isEmpty() ? "name" : start.isEmpty() ? "startTimeUnixNano" : "endTimeUnixNano";
            problems.add(InputProblem.at(file, line, path, null, "has no " + missing));
            return;
        }
        try {
            long startMicros = Long.parseLong(start) / 1000;
            long duration = Long.parseLong(end) / 1000 - startMicros;
            if (duration < 0) {
                problems.add(InputProblem.at(file, line, path, end, "endTimeUnixNano is before startTimeUnixNano"));
                return;
            }
            String httpStatus = attribute(span.path("attributes"), "http.response.status_code");
            if (httpStatus == null) {
                httpStatus = attribute(span.path("attributes"), "http.status_code");
            }
            int status = httpStatus == null ? 0 : Integer.parseInt(httpStatus);
            boolean error = span.path("status").path("code").asText("").matches("2|STATUS_CODE_ERROR") || status >= 500;
            long[] trace = SpanIds.trace(span.path("traceId").asText(""));
            spans.add(trace[0], trace[1], SpanIds.span(spanId), SpanIds.span(span.path("parentSpanId").asText("")), service, name,
                    SpanKind.parse(span.path("kind").asText("")), startMicros, duration, status, error);
        } catch (IllegalArgumentException e) {
            problems.add(InputProblem.at(file, line, path, null, "is not a span: " + e.getMessage()));
        }
    }

    /** An OTLP KeyValue list's value as text (string, int or bool value), or null. */
    private static String attribute(JsonNode attributes, String key) {
        for (JsonNode kv : attributes) {
            if (key.equals(kv.path("key").asText())) {
                JsonNode value = kv.path("value");
                for (String type : new String[] {"stringValue", "intValue", "boolValue", "doubleValue"}) {
                    if (value.has(type)) {
                        return value.get(type).asText();
                    }
                }
            }
        }
        return null;
    }
}
