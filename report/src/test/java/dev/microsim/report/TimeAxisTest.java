package dev.microsim.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimeAxisTest {

    final TimeAxis axis = new TimeAxis(new long[] {0, 1000, 2000, 3000, 4000, 5000, 6000}, 3);

    @Test
    void downsamplingKeepsASpikeAsTheMaxAndARateAsTheMean() {
        double[] values = {1, 9, 2, 4, 4, 4, 7};
        assertThat(axis.buckets()).isEqualTo(3);
        assertThat(axis.reduce(values, KeySeries.Reduce.MAX)).containsExactly(9, 4, 7);
        assertThat(axis.reduce(values, KeySeries.Reduce.MEAN)).containsExactly(4, 4, 7);
    }

    @Test
    void aBucketWithoutValuesIsAGapNotAZero() {
        double[] values = {Double.NaN, Double.NaN, Double.NaN, 1, Double.NaN, 3, Double.NaN};
        double[] max = axis.reduce(values, KeySeries.Reduce.MAX);
        assertThat(max[0]).isNaN();
        assertThat(max[1]).isEqualTo(3);
        assertThat(axis.reduce(values, KeySeries.Reduce.MEAN)[1]).isEqualTo(2);
    }

    @Test
    void instantsFallInTheBucketThatStartsAtOrBeforeThem() {
        assertThat(axis.bucketOf(0)).isZero();
        assertThat(axis.bucketOf(2500)).isZero();
        assertThat(axis.bucketOf(3000)).isEqualTo(1);
        assertThat(axis.bucketOf(6000)).isEqualTo(2);
        assertThat(axis.bucketStart(2)).isEqualTo(6000);
    }
}
