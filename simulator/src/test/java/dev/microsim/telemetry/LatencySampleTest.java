package dev.microsim.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Fast mode's per-interval latencies report exactly what live mode's HdrHistogram reports for the same values. */
class LatencySampleTest {
    @Test
    void percentilesAndMeanEqualHdrHistogramsBelowAndAboveTheBuffer() {
        SplittableRandom r = new SplittableRandom(3);
        for (int digits : new int[] {2, 3}) {
            LatencySample sample = new LatencySample(3_600_000_000L, digits);
            for (int n : new int[] {1, 2, 7, 100, 256, 257, 1000, 5000, 3}) { // reused across intervals, spilling and back
                Histogram h = new Histogram(3_600_000_000L, digits);
                for (int i = 0; i < n; i++) {
                    long v = (long) Math.exp(r.nextDouble(2, 14)); // 7 us .. 1.2 s, log-spread
                    sample.record(v);
                    h.recordValue(v);
                }
                sample.prepare();
                assertThat(sample.count()).isEqualTo(n);
                for (double p : new double[] {50, 95, 99, 0, 100}) {
                    assertThat(sample.valueAtPercentile(p)).as("n=%d digits=%d p%s", n, digits, p).isEqualTo(h.getValueAtPercentile(p));
                }
                assertThat(sample.mean()).as("mean n=%d", n).isCloseTo(h.getMean(), org.assertj.core.data.Offset.offset(1e-6 * h.getMean()));
                sample.reset();
                assertThat(sample.count()).isZero();
            }
        }
    }

    @Test
    void singleThreadedEndpointStatsReportWhatConcurrentOnesDo() {
        EndpointStats live = EndpointStats.concurrent("GET /x");
        EndpointStats fast = EndpointStats.singleThreaded("GET /x");
        SplittableRandom r = new SplittableRandom(9);
        for (int interval = 0; interval < 3; interval++) {
            for (int i = 0; i < 300 * interval; i++) {
                long nanos = (long) (r.nextDouble() * 50e6);
                int status = r.nextInt(10) == 0 ? 503 : 200;
                live.completed(nanos, status);
                fast.completed(nanos, status);
            }
            live.rejected();
            fast.rejected();
            assertThat(fast.drain()).isEqualTo(live.drain());
        }
    }
}
