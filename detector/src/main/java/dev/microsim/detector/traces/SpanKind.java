package dev.microsim.detector.traces;

import java.util.Locale;

/** OpenTelemetry's span kinds; readers map the names and numbers OTel dumps use. */
public enum SpanKind {
    UNSPECIFIED, INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER;

    /** {@code SERVER}, {@code SPAN_KIND_SERVER}, {@code server}, or OTLP's number (2 = SERVER). */
    public static SpanKind parse(String text) {
        if (text == null || text.isEmpty()) {
            return UNSPECIFIED;
        }
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.startsWith("SPAN_KIND_")) {
            upper = upper.substring("SPAN_KIND_".length());
        }
        if (!upper.isEmpty() && Character.isDigit(upper.charAt(0))) {
            int n = Integer.parseInt(upper);
            if (n < 0 || n >= values().length) {
                throw new IllegalArgumentException("span kind " + text + " is not 0..5");
            }
            return values()[n];
        }
        return valueOf(upper);
    }

    /** A call that leaves the service: the caller's side of an edge. */
    public boolean outgoing() {
        return this == CLIENT || this == PRODUCER;
    }
}
