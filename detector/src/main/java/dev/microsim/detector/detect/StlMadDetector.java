package dev.microsim.detector.detect;

import com.github.servicenow.ds.stats.stl.SeasonalTrendLoess;
import java.util.Arrays;
import java.util.List;

/**
 * STL decomposition (stl-decomp-4j, robust, periodic season) of the trailing {@code cycles}
 * periods, refitted every period; a new point is compared with the fit's trend carried forward
 * plus the season at its phase, and scored by a robust z-score: the residual's distance from the
 * median of the recent forecast residuals in MADs (times 1.4826, the sd of Gaussian noise). The
 * MAD is of out-of-sample residuals (what the fit got wrong on points it had not seen): in-sample
 * STL residuals are smaller than forecast errors and would make clean data alarm.
 */
public final class StlMadDetector extends DetectorBase<Detector> implements Detector {

    public static final DetectorKind<Detector> KIND = new DetectorKind<>("stl-mad",
            "STL season + trend of the trailing cycles, robust z-score (MAD) of the residual",
            List.of(
                    ParamSpec.whole("period", 2, 100_000, 60, "season length in points"),
                    ParamSpec.whole("cycles", 2, 100, 4, "periods in the fitted window"),
                    ParamSpec.positive("threshold", 1000, 5.5, "alarm when |residual - median| >= threshold * 1.4826 * MAD")),
            StlMadDetector::new);

    public StlMadDetector(Params params) {
        super(KIND, params);
    }

    @Override
    public String description() {
        return "STL (period " + params.getInt("period") + ", " + params.getInt("cycles") + " cycles) + robust z-score, alarm at "
                + ParamSpec.format(params.get("threshold")) + " MAD-sd";
    }

    @Override
    public PointStream stream() {
        return new Stream();
    }

    private final class Stream implements PointStream {
        private final int period = params.getInt("period");
        private final int window = period * params.getInt("cycles");
        private final double threshold = params.get("threshold");
        private final double[] ring = new double[window];
        private final double[] season = new double[period];
        private final double[] residuals = new double[window];
        private int residualCount;
        private long seen;
        private long fittedAt = -1;
        private double trendEnd;
        private double trendSlope;
        private double median;
        private double scale;
        private double lastValue;
        private double lastExpected;
        private double lastZ;

        @Override
        public double next(double value) {
            lastValue = value;
            double score = 0;
            if (fittedAt >= 0) {
                long ahead = seen - fittedAt + 1;
                lastExpected = trendEnd + trendSlope * ahead + season[(int) (seen % period)];
                lastZ = (value - lastExpected - median) / scale;
                score = Math.abs(lastZ) / threshold;
                residuals[residualCount++ % window] = value - lastExpected;
            }
            ring[(int) (seen % window)] = value;
            seen++;
            if (seen >= window && (fittedAt < 0 || seen - 1 - fittedAt >= period)) {
                fit();
            }
            return score;
        }

        /** Fits the last {@code window} points; {@code fittedAt} is the index of the last point fitted. */
        private void fit() {
            double[] data = new double[window];
            int start = (int) (seen % window);
            for (int i = 0; i < window; i++) {
                data[i] = ring[(start + i) % window];
            }
            SeasonalTrendLoess.Decomposition stl = new SeasonalTrendLoess.Builder().setPeriodLength(period).setPeriodic().setRobust()
                    .buildSmoother(data).decompose();
            double[] trend = stl.getTrend();
            double[] seasonal = stl.getSeasonal();
            double[] residual = stl.getResidual();
            long firstIndex = seen - window;
            for (int i = window - period; i < window; i++) {
                season[(int) ((firstIndex + i) % period)] = seasonal[i];
            }
            trendEnd = trend[window - 1];
            // the slope over the last period: the end of a loess trend is too noisy point to point
            trendSlope = (trend[window - 1] - trend[window - period]) / (period - 1.0);
            // out-of-sample residuals once there are a period of them; the first fit has only its own
            double[] pool = residualCount >= period
                    ? java.util.Arrays.copyOf(residuals, Math.min(residualCount, window))
                    : residual.clone();
            int count = pool.length;
            double[] sorted = pool.clone();
            Arrays.sort(sorted);
            median = sorted[count / 2];
            double[] deviations = new double[count];
            for (int i = 0; i < count; i++) {
                deviations[i] = Math.abs(pool[i] - median);
            }
            Arrays.sort(deviations);
            double level = Math.abs(trendEnd);
            double inSampleFactor = residualCount >= period ? 1 : 1.5;
            scale = Math.max(1.4826 * inSampleFactor * deviations[count / 2], Math.max(0.005 * level, 1e-9));
            fittedAt = seen - 1;
        }

        @Override
        public Explanation explain() {
            if (fittedAt < 0 || lastExpected == 0 && lastZ == 0) {
                return Explanation.warmingUp(lastValue, (int) Math.min(seen, Integer.MAX_VALUE), window + 1);
            }
            return new Explanation(lastValue, lastExpected, lastZ, "value " + Explanation.num(lastValue) + " is "
                    + Explanation.num(Math.abs(lastZ)) + " MAD-sd " + (lastZ >= 0 ? "above" : "below") + " the STL trend + season "
                    + Explanation.num(lastExpected) + " (alarm at " + ParamSpec.format(threshold) + ")");
        }
    }
}
