package dev.microsim.recorder;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.microsim.telemetry.SpanRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes traces.jsonl lines byte for byte as Jackson's streaming generator writes them
 * ({@code {"traceId":..,"error":false}} and a newline), several times faster: straight into a byte
 * buffer, ASCII strings copied as they are (Jackson's own encoder only for a string that needs
 * escaping), numbers and the seconds prefix of timestamps made without a String. Hand-written on
 * purpose: a fast-mode run writes millions of spans per second of wall time and the writer thread
 * was its ceiling. Not thread-safe: the recorder's writer thread owns it.
 */
final class SpanJson {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final byte[] TRACE = ascii("{\"traceId\":\"");
    private static final byte[] SPAN = ascii("\",\"spanId\":\"");
    private static final byte[] PARENT = ascii("\",\"parentSpanId\":");
    private static final byte[] SERVICE = ascii(",\"service\":");
    private static final byte[] INSTANCE = ascii(",\"instance\":");
    private static final byte[] NAME = ascii(",\"name\":");
    private static final byte[] KIND_SERVER = ascii(",\"kind\":\"SERVER\",\"start\":\"");
    private static final byte[] KIND_CLIENT = ascii(",\"kind\":\"CLIENT\",\"start\":\"");
    private static final byte[] END = ascii("\",\"end\":\"");
    private static final byte[] DURATION = ascii("\",\"durationMicros\":");
    private static final byte[] STATUS = ascii(",\"status\":");
    private static final byte[] ERROR_TRUE = ascii(",\"error\":true}\n");
    private static final byte[] ERROR_FALSE = ascii(",\"error\":false}\n");
    private static final byte[] NULL = ascii("null");

    private final OutputStream out;
    /** Quoted, escaped bytes of names (services, instances, span names): a mesh has few, written millions of times. */
    private final java.util.HashMap<String, byte[]> names = new java.util.HashMap<>();
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private long cachedSecond = Long.MIN_VALUE;
    private byte[] prefix = new byte[0]; // "2026-11-24T15:00:01."

    SpanJson(OutputStream out) {
        this.out = out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    void write(SpanRecord s) throws IOException {
        if (pos > buf.length - 2048) flushBuffer();
        put(TRACE);
        putAscii(s.traceId());
        put(SPAN);
        putAscii(s.spanId());
        put(PARENT);
        if (s.parentSpanId() == null) put(NULL);
        else quoted(s.parentSpanId());
        put(SERVICE);
        name(s.service());
        put(INSTANCE);
        name(s.instance());
        put(NAME);
        name(s.name());
        put(s.kind() == SpanRecord.Kind.SERVER ? KIND_SERVER : KIND_CLIENT);
        time(s.startEpochNanos());
        put(END);
        time(s.endEpochNanos());
        put(DURATION);
        number(s.durationMicros());
        put(STATUS);
        number(s.status());
        put(s.error() ? ERROR_TRUE : ERROR_FALSE);
    }

    /** Hands what is buffered to the stream (the recorder then flushes the stream itself). */
    void flushBuffer() throws IOException {
        if (pos > 0) out.write(buf, 0, pos);
        pos = 0;
    }

    private void put(byte[] b) {
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    /** Ids (hex digits): copied as they are in one pass; anything that needs escaping goes through Jackson's encoder. */
    private void putAscii(String s) throws IOException {
        int n = s.length();
        room(n);
        int at = pos;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                pos = at;
                byte[] enc = JsonStringEncoder.getInstance().quoteAsUTF8(s);
                room(enc.length);
                put(enc);
                return;
            }
            buf[at + i] = (byte) c;
        }
        pos = at + n;
    }

    private void name(String s) throws IOException {
        byte[] b = names.get(s);
        if (b == null) {
            b = quotedBytes(s);
            if (names.size() < 100_000) names.put(s, b);
        }
        room(b.length);
        put(b);
    }

    private static byte[] quotedBytes(String s) {
        byte[] enc = plain(s) ? s.getBytes(java.nio.charset.StandardCharsets.US_ASCII) : JsonStringEncoder.getInstance().quoteAsUTF8(s);
        byte[] b = new byte[enc.length + 2];
        b[0] = '"';
        System.arraycopy(enc, 0, b, 1, enc.length);
        b[b.length - 1] = '"';
        return b;
    }

    private void quoted(String s) throws IOException {
        room(2);
        buf[pos++] = '"';
        putAscii(s);
        room(1);
        buf[pos++] = '"';
    }

    /** Printable ASCII without a quote or a backslash: what JSON takes as it is. */
    private static boolean plain(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') return false;
        }
        return true;
    }

    private void room(int n) throws IOException {
        if (pos + n > buf.length) {
            flushBuffer();
            if (n > buf.length) throw new IOException("a span field of " + n + " bytes does not fit the writer's buffer");
        }
    }

    /** ISO-8601 UTC with milliseconds, as {@link IsoTime}: the seconds prefix is cached, the milliseconds written. */
    private void time(long epochNanos) {
        long millis = Math.floorDiv(epochNanos, 1_000_000L);
        long second = Math.floorDiv(millis, 1000L);
        int ms = (int) Math.floorMod(millis, 1000L);
        if (second != cachedSecond) {
            cachedSecond = second;
            prefix = (SECONDS.format(Instant.ofEpochSecond(second)) + ".").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        System.arraycopy(prefix, 0, buf, pos, prefix.length);
        pos += prefix.length;
        buf[pos++] = (byte) ('0' + ms / 100);
        buf[pos++] = (byte) ('0' + ms / 10 % 10);
        buf[pos++] = (byte) ('0' + ms % 10);
        buf[pos++] = 'Z';
    }

    private void number(long v) {
        if (v == Long.MIN_VALUE) {
            put(ascii(Long.toString(v)));
            return;
        }
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        int start = pos;
        do {
            buf[pos++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        for (int i = start, j = pos - 1; i < j; i++, j--) { // digits came out backwards
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
    }
}
