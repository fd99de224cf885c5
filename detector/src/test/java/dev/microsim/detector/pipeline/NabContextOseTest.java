package dev.microsim.detector.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The stream set-ups of CAD OSE on a NAB-like file know only the past: changing the file after some
 * row leaves every earlier score as it was. The reference set-up (the whole file's range, as NAB's
 * runner hands it) does not: a late spike widens the bins and moves earlier scores.
 */
class NabContextOseTest {

    private static double[] file(long seed) {
        Random random = new Random(seed);
        double[] x = new double[3000];
        for (int i = 0; i < x.length; i++) {
            x[i] = 50 + 20 * Math.sin(2 * Math.PI * i / 96) + 2 * random.nextGaussian();
        }
        return x;
    }

    private static double[] withLateSpike(double[] x, int at) {
        double[] y = x.clone();
        y[at] = 500;
        return y;
    }

    @Test
    void streamSetUpsScoreEveryRowFromThePastOnly() {
        double[] x = file(1);
        int at = 2500;
        for (NabContextOse.Range range : new NabContextOse.Range[] {NabContextOse.Range.PROBATION, NabContextOse.Range.TRACKING}) {
            NabContextOse cad = new NabContextOse(range, 0.2, 1000);
            double[] clean = cad.score(x);
            double[] spiked = cad.score(withLateSpike(x, at));
            assertThat(Arrays.copyOf(spiked, at)).as(range.name()).containsExactly(Arrays.copyOf(clean, at));
        }
    }

    @Test
    void theReferenceSetUpLooksAheadAtTheRange() {
        double[] x = file(1);
        int at = 2500;
        double[] clean = NabContextOse.reference().score(x);
        double[] spiked = NabContextOse.reference().score(withLateSpike(x, at));
        assertThat(Arrays.copyOf(spiked, at)).isNotEqualTo(Arrays.copyOf(clean, at));
    }

    @Test
    void trackingFindsALateSpikeAndStaysQuietOnTheCleanFile() {
        double[] x = file(2);
        int at = 2500;
        NabContextOse cad = new NabContextOse(NabContextOse.Range.TRACKING, 0.2, 1000);
        double[] clean = cad.score(x);
        double[] spiked = cad.score(withLateSpike(x, at));

        assertThat(spiked[at]).as("the spike").isGreaterThanOrEqualTo(0.75);
        assertThat(Arrays.stream(clean, 1500, x.length).max().orElseThrow()).as("clean file, second half").isLessThan(0.75);
    }
}
