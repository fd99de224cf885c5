package dev.microsim.recorder.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExponentialHistogramTest {
    /** A point at {@code scale} holding {@code values} (each in bucket ceil(log2(v) x 2^scale) - 1), as the OTel SDK fills it. */
    static ExponentialHistogramDataPoint point(int scale, double... values) {
        double base = Math.pow(2, Math.pow(2, -scale));
        List<Integer> indexes = new ArrayList<>();
        double sum = 0;
        for (double v : values) {
            indexes.add((int) Math.ceil(Math.log(v) / Math.log(base)) - 1);
            sum += v;
        }
        int offset = indexes.stream().mapToInt(Integer::intValue).min().orElse(0);
        int top = indexes.stream().mapToInt(Integer::intValue).max().orElse(0);
        long[] counts = new long[top - offset + 1];
        for (int i : indexes) counts[i - offset]++;
        var buckets = ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(offset);
        for (long c : counts) buckets.addBucketCounts(c);
        return ExponentialHistogramDataPoint.newBuilder().setScale(scale).setCount(values.length).setSum(sum).setPositive(buckets).build();
    }

    @Test
    void percentilesAreTheUpperBoundOfTheBucketHoldingTheRankAndTheMeanIsExact() {
        ExponentialHistogram h = new ExponentialHistogram();
        h.add(point(4, 0.010, 0.010, 0.010, 0.020, 0.030, 0.100));
        assertThat(h.count()).isEqualTo(6);
        assertThat(h.mean()).isCloseTo(0.18 / 6, within(1e-12));
        double width = Math.pow(2, 1.0 / 16) - 1; // 4.4 % at scale 4
        assertThat(h.valueAt(50)).isBetween(0.010, 0.010 * (1 + width));
        assertThat(h.valueAt(66)).as("rank 4 of 6").isBetween(0.020, 0.020 * (1 + width));
        assertThat(h.valueAt(99)).isBetween(0.100, 0.100 * (1 + width));
        assertThat(h.valueAt(100)).isBetween(0.100, 0.100 * (1 + width));
    }

    @Test
    void pointsAtDifferentScalesFoldToTheCoarserOneInEitherOrder() {
        ExponentialHistogram fineFirst = new ExponentialHistogram();
        fineFirst.add(point(6, 0.011, 0.012));
        fineFirst.add(point(3, 0.5, 0.6));
        ExponentialHistogram coarseFirst = new ExponentialHistogram();
        coarseFirst.add(point(3, 0.5, 0.6));
        coarseFirst.add(point(6, 0.011, 0.012));
        double width = Math.pow(2, 1.0 / 8) - 1;
        for (ExponentialHistogram h : List.of(fineFirst, coarseFirst)) {
            assertThat(h.count()).isEqualTo(4);
            assertThat(h.valueAt(50)).isBetween(0.012, 0.012 * (1 + width) * (1 + width));
            assertThat(h.valueAt(75)).isBetween(0.5, 0.5 * (1 + width) * (1 + width));
            assertThat(h.valueAt(100)).isBetween(0.6, 0.6 * (1 + width) * (1 + width));
        }
        assertThat(fineFirst.valueAt(50)).isEqualTo(coarseFirst.valueAt(50));
    }

    @Test
    void anEmptyHistogramHasNoValues() {
        ExponentialHistogram h = new ExponentialHistogram();
        h.add(point(3));
        assertThat(h.count()).isZero();
        assertThat(h.valueAt(50)).isNaN();
        assertThat(h.mean()).isNaN();
    }
}
