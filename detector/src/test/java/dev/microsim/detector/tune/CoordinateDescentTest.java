package dev.microsim.detector.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.microsim.detector.detect.ParamSpec;
import dev.microsim.detector.detect.Params;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoordinateDescentTest {

    static final List<ParamSpec> SPECS = List.of(
            ParamSpec.positive("threshold", 1000, 4, "alarm line"),
            ParamSpec.whole("minPoints", 1, 60, 2, "persistence"));

    /** Best at threshold 4 * 1.25^5 and minPoints 9, with a ridge: one step of either alone barely moves it. */
    static double f(Params p) {
        double t = Math.log(p.get("threshold") / (4 * Math.pow(1.25, 5)));
        double m = p.get("minPoints") - 9;
        return 1 - t * t - 0.01 * m * m;
    }

    @Test
    void findsTheBestPointAlongEachAxisFromTheStart() {
        CoordinateDescent.Result r = new CoordinateDescent(SPECS, 8, 4).refine(Params.defaults("t", SPECS), CoordinateDescentTest::f);
        assertThat(r.best().get("threshold")).isCloseTo(4 * Math.pow(1.25, 5), within(1e-9));
        assertThat(r.best().getInt("minPoints")).isEqualTo(9);
        assertThat(r.bestF()).isCloseTo(1, within(1e-9));
        assertThat(r.evaluations()).isGreaterThan(1);
    }

    @Test
    void neverLeavesAParametersRangeNorMakesFWorse() {
        Params start = Params.defaults("t", SPECS).with("minPoints", 1);
        CoordinateDescent.Result r = new CoordinateDescent(SPECS, 3, 1).refine(start, p -> -p.get("minPoints"));
        assertThat(r.best().getInt("minPoints")).isEqualTo(1);
        assertThat(r.bestF()).isEqualTo(-1);
    }

    @Test
    void refusesAReachOrSweepsBelowOne() {
        assertThatThrownBy(() -> new CoordinateDescent(SPECS, 0, 4)).hasMessageContaining("reach = 0");
    }
}
