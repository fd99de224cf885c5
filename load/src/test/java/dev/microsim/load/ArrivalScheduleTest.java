package dev.microsim.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microsim.model.scenario.LoadProfile;
import dev.microsim.model.units.Rate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {
    private static final long NO_CAP = Long.MAX_VALUE;

    private static Rate r(double perSecond) {
        return Rate.perSecond(perSecond);
    }

    @Test
    void constantRatePlansExactlyRateTimesSecondsSpreadEvenly() {
        ArrivalSchedule s = ArrivalSchedule.plan(new LoadProfile.Constant(r(200)), Duration.ofSeconds(10), NO_CAP, 1);
        assertThat(s.total()).isEqualTo(2000);
        assertThat(IntStream.range(0, 10).mapToLong(s::countInSecond).toArray()).containsOnly(200);
        assertThat(s.arrivalTime(0)).isEqualTo(Duration.ofNanos(2_500_000)); // centre of the first 5ms slot
        assertThat(s.arrivalTime(1999)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void fractionalRatesLoseNothingOverTime() {
        ArrivalSchedule s = ArrivalSchedule.plan(new LoadProfile.Constant(r(0.5)), Duration.ofSeconds(9), NO_CAP, 1);
        assertThat(s.total()).isBetween(4L, 5L); // 4.5 planned, rounded on the running total
        assertThat(IntStream.range(0, 9).mapToLong(s::countInSecond).toArray()).containsOnly(0, 1);
    }

    @Test
    void aPartialLastSecondGetsItsShare() {
        ArrivalSchedule s = ArrivalSchedule.plan(new LoadProfile.Constant(r(100)), Duration.ofMillis(2500), NO_CAP, 1);
        assertThat(s.seconds()).isEqualTo(3);
        assertThat(s.countInSecond(2)).isEqualTo(50);
        assertThat(s.arrivalTime(s.total() - 1)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void rampIntegratesTheLinearRate() {
        // 0 -> 100/s over 10s: 500 arrivals, and each second about 10 more than the one before
        ArrivalSchedule s = ArrivalSchedule.plan(new LoadProfile.Ramp(r(0), r(100), Duration.ofSeconds(10)), Duration.ofSeconds(10), NO_CAP, 1);
        assertThat(s.total()).isEqualTo(500);
        assertThat(s.countInSecond(0)).isEqualTo(5);
        assertThat(s.countInSecond(9)).isEqualTo(95);
    }

    @Test
    void stepsAndSpikeFollowTheirEdgesToTheTenMillisecond() {
        var steps = new LoadProfile.Steps(List.of(new LoadProfile.Steps.Stage(r(10), Duration.ofSeconds(2)),
                new LoadProfile.Steps.Stage(r(50), Duration.ofSeconds(2))));
        ArrivalSchedule st = ArrivalSchedule.plan(steps, Duration.ofSeconds(5), NO_CAP, 1);
        assertThat(IntStream.range(0, 5).mapToLong(st::countInSecond).toArray()).containsExactly(10, 10, 50, 50, 50);

        var spike = new LoadProfile.Spike(r(20), r(400), Duration.ofMillis(2500), Duration.ofMillis(500));
        ArrivalSchedule sp = ArrivalSchedule.plan(spike, Duration.ofSeconds(4), NO_CAP, 1);
        assertThat(IntStream.range(0, 4).mapToLong(sp::countInSecond).toArray()).containsExactly(20, 20, 210, 20);
        // inside second 2 the arrivals follow the rate: 10 before the spike's edge at 2.5s, 200 after it
        long beforeEdge = java.util.stream.LongStream.range(40, 250).filter(i -> sp.arrivalTime(i).compareTo(Duration.ofMillis(2500)) < 0).count();
        assertThat(beforeEdge).isEqualTo(10);
        assertThat(sp.arrivalTime(49)).isEqualTo(Duration.ofMillis(2475)); // 9.5 arrivals into 20/s
        assertThat(sp.arrivalTime(50)).isBetween(Duration.ofMillis(2501), Duration.ofMillis(2502)); // then 0.5 into 400/s
    }

    @Test
    void diurnalNoiseIsSeededAndStaysNearTheCurve() {
        var diurnal = new LoadProfile.Diurnal(r(100), r(80), Duration.ofSeconds(20), 0.1);
        ArrivalSchedule a = ArrivalSchedule.plan(diurnal, Duration.ofSeconds(20), NO_CAP, 7);
        ArrivalSchedule b = ArrivalSchedule.plan(diurnal, Duration.ofSeconds(20), NO_CAP, 7);
        ArrivalSchedule c = ArrivalSchedule.plan(diurnal, Duration.ofSeconds(20), NO_CAP, 8);
        assertThat(counts(a)).isEqualTo(counts(b)).isNotEqualTo(counts(c));
        double[] planned = IntStream.range(0, 20).mapToDouble(sec -> diurnal.rateAt(Duration.ofMillis(sec * 1000L + 500))).toArray();
        assertThat(Stats.correlation(planned, counts(a).stream().mapToDouble(Long::doubleValue).toArray())).isGreaterThan(0.95);
        // noise-free: the integral of one full period is base * period
        var quiet = new LoadProfile.Diurnal(r(100), r(80), Duration.ofSeconds(20), 0);
        assertThat(ArrivalSchedule.plan(quiet, Duration.ofSeconds(20), NO_CAP, 7).total()).isEqualTo(2000);
    }

    @Test
    void poissonCountsHaveVarianceNearTheirMeanAndAreSeeded() {
        var poisson = new LoadProfile.Poisson(r(50));
        ArrivalSchedule a = ArrivalSchedule.plan(poisson, Duration.ofSeconds(400), NO_CAP, 11);
        double[] counts = counts(a).stream().mapToDouble(Long::doubleValue).toArray();
        double mean = Stats.mean(counts);
        double variance = Stats.variance(counts);
        // 400 seconds: the mean is within 4 standard errors (sqrt(50/400) = 0.35) and the index of
        // dispersion (variance / mean) of a Poisson law is 1 (an even spread would give 0).
        assertThat(mean).isBetween(48.6, 51.4);
        assertThat(variance / mean).isBetween(0.75, 1.3);
        assertThat(counts(ArrivalSchedule.plan(poisson, Duration.ofSeconds(400), NO_CAP, 11))).isEqualTo(counts(a));
        assertThat(counts(ArrivalSchedule.plan(poisson, Duration.ofSeconds(400), NO_CAP, 12))).isNotEqualTo(counts(a));
        // placed uniformly at random inside the second, so not in order and not evenly
        List<Duration> times = new ArrayList<>();
        for (long i = 0; i < a.countInSecond(0); i++) times.add(a.arrivalTime(i));
        assertThat(times).allSatisfy(t -> assertThat(t).isBetween(Duration.ZERO, Duration.ofSeconds(1)));
        assertThat(times).isNotEqualTo(times.stream().sorted().toList());
    }

    @Test
    void theCapStopsTheScheduleAndTimesAreInOrderOfSeconds() {
        ArrivalSchedule s = ArrivalSchedule.plan(new LoadProfile.Constant(r(100)), Duration.ofSeconds(10), 250, 1);
        assertThat(s.total()).isEqualTo(250);
        assertThat(s.countInSecond(2)).isEqualTo(50);
        assertThat(s.countInSecond(3)).isZero();
        assertThat(s.arrivalTime(249)).isLessThan(Duration.ofSeconds(3));
        assertThatThrownBy(() -> s.arrivalTime(250)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void zeroRateSecondsAreSkippedWhenLookingUpArrivals() {
        var steps = new LoadProfile.Steps(List.of(new LoadProfile.Steps.Stage(r(2), Duration.ofSeconds(1)),
                new LoadProfile.Steps.Stage(r(0), Duration.ofSeconds(2)), new LoadProfile.Steps.Stage(r(2), Duration.ofSeconds(1))));
        ArrivalSchedule s = ArrivalSchedule.plan(steps, Duration.ofSeconds(4), NO_CAP, 1);
        assertThat(s.total()).isEqualTo(4);
        assertThat(s.arrivalTime(2)).isEqualTo(Duration.ofMillis(3250));
    }

    @Test
    void arrivalNanosInAKnownSecondIsArrivalTimeExactly() {
        List<LoadProfile.Open> profiles = List.of(new LoadProfile.Poisson(r(50)), new LoadProfile.Constant(r(0.7)),
                new LoadProfile.Diurnal(r(100), r(80), Duration.ofSeconds(20), 0.1),
                new LoadProfile.Ramp(r(0), r(100), Duration.ofSeconds(10)));
        for (LoadProfile.Open p : profiles) {
            ArrivalSchedule s = ArrivalSchedule.plan(p, Duration.ofMillis(12_300), NO_CAP, 7);
            long seq = 0;
            for (int second = 0; second < s.seconds(); second++) {
                for (long k = 0; k < s.countInSecond(second); k++, seq++) {
                    assertThat(s.arrivalNanos(second, seq)).as("%s arrival %d", p, seq).isEqualTo(s.arrivalTime(seq).toNanos());
                }
            }
            assertThat(seq).isEqualTo(s.total());
        }
        ArrivalSchedule s = ArrivalSchedule.plan(new LoadProfile.Constant(r(10)), Duration.ofSeconds(3), NO_CAP, 1);
        assertThatThrownBy(() -> s.arrivalNanos(0, 10)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("arrival 10 is not in second 0");
        assertThatThrownBy(() -> s.arrivalNanos(3, 29)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static List<Long> counts(ArrivalSchedule s) {
        return IntStream.range(0, s.seconds()).mapToObj(s::countInSecond).toList();
    }
}
