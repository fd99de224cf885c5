package dev.microsim.recorder;

import dev.microsim.telemetry.MetricRow;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes metrics.csv rows ({@code time,service,endpoint,metric,value}) straight into a byte buffer:
 * one interval's rows share their timestamp, names repeat every interval (their bytes are kept), and
 * values are written as {@link #number} says without {@link String#format}. Hand-written on purpose:
 * a fast-mode run of a large mesh writes millions of rows per second of wall time. Not thread-safe.
 */
final class MetricCsv {
    private final OutputStream out;
    private final IsoTime time = new IsoTime();
    private final Map<String, byte[]> names = new HashMap<>();
    private final byte[] buf = new byte[1 << 16];
    private int pos;

    MetricCsv(OutputStream out) {
        this.out = out;
    }

    void write(MetricRow row) throws IOException {
        write(List.of(row));
    }

    /** Rows, each with its own time (usually one interval's, all the same). */
    void write(List<MetricRow> rows) throws IOException {
        java.time.Instant lastTime = null;
        byte[] stamp = null;
        for (MetricRow r : rows) {
            if (r.time() != lastTime) {
                lastTime = r.time();
                stamp = (time.format(lastTime.getEpochSecond() * 1_000_000_000L + lastTime.getNano()) + ",").getBytes(StandardCharsets.US_ASCII);
            }
            if (pos > buf.length - 1024) flushBuffer();
            put(stamp);
            name(r.service());
            buf[pos++] = ',';
            name(r.endpoint());
            buf[pos++] = ',';
            name(r.metric());
            buf[pos++] = ',';
            put(number(r.value()).getBytes(StandardCharsets.US_ASCII));
            buf[pos++] = '\n';
        }
    }

    void flushBuffer() throws IOException {
        if (pos > 0) out.write(buf, 0, pos);
        pos = 0;
    }

    private void put(byte[] b) throws IOException {
        if (pos + b.length > buf.length) {
            flushBuffer();
            if (b.length > buf.length) {
                out.write(b);
                return;
            }
        }
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    private void name(String s) throws IOException {
        put(names.computeIfAbsent(s, k -> k.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A value as metrics.csv writes it: whole numbers without a fraction, others with three decimals,
     * rounded half up from the value's shortest decimal form, exactly as {@code String.format("%.3f")}
     * rounds (which also rounds that form).
     */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        double x = Math.abs(v) * 1000;
        double frac = x - Math.floor(x);
        if (Double.isFinite(x) && x < 1e15 && Math.abs(frac - 0.5) > 1e-6) {
            long m = Math.round(x); // far from a half: rounding the double and its decimal form agree
            StringBuilder b = new StringBuilder(24);
            if (v < 0) b.append('-'); // as String.format: -0.000 for a small negative
            b.append(m / 1000).append('.');
            long f = m % 1000;
            if (f < 100) b.append('0');
            if (f < 10) b.append('0');
            return b.append(f).toString();
        }
        if (!Double.isFinite(v)) return String.format(java.util.Locale.ROOT, "%.3f", v);
        return BigDecimal.valueOf(v).setScale(3, RoundingMode.HALF_UP).toPlainString();
    }
}
