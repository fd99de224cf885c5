package dev.microsim.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** metrics.csv values are written exactly as String.format("%.3f") wrote them, only faster. */
class MetricCsvTest {
    @Test
    void numbersMatchStringFormatIncludingHalfWayValues() {
        SplittableRandom r = new SplittableRandom(2);
        double[] awkward = {0.0005, 1.0005, 0.1235, 2.5e-4, 123.4565, 999.9995, 0.0004999, 1e-9, 12345678.9, 0.125, 3.14159, 1e14 + 0.5,
                -1.0005, -0.0004, 7.0, 0.0, -3.0};
        for (double v : awkward) assertThat(MetricCsv.number(v)).as("%s", v).isEqualTo(expected(v));
        for (int i = 0; i < 200_000; i++) {
            double v = switch (i % 4) {
                case 0 -> r.nextDouble() * 10;
                case 1 -> Math.round(r.nextDouble() * 1e7) / 1e4; // four decimals: many half-way cases at the third
                case 2 -> r.nextLong(0, 1_000_000) / 2000.0;
                default -> Math.exp(r.nextDouble(-10, 20));
            };
            assertThat(MetricCsv.number(v)).as("%s", v).isEqualTo(expected(v));
        }
    }

    private static String expected(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
