package dev.microsim.detector.detect;

import java.util.List;

/**
 * Additive Holt-Winters (level, trend, seasonal of {@code period} points), one-step-ahead forecast;
 * a point's score is its residual against the forecast made before it, in residual sd
 * ({@link ResidualBand}). The first two periods initialise level, trend and season; then one more
 * period fills the band. Written by hand: the update is three lines and must be O(1) per point.
 */
public final class HoltWintersDetector extends DetectorBase<Detector> implements Detector {

    public static final DetectorKind<Detector> KIND = new DetectorKind<>("holt-winters",
            "additive Holt-Winters one-step forecast, residual z-score",
            List.of(
                    ParamSpec.whole("period", 1, 100_000, 60, "season length in points (1: no season, Holt's linear trend)"),
                    ParamSpec.positive("alpha", 1, 0.2, "level smoothing"),
                    ParamSpec.real("beta", 0, 1, 0.01, "trend smoothing"),
                    ParamSpec.real("gamma", 0, 1, 0.1, "seasonal smoothing"),
                    ParamSpec.positive("threshold", 1000, 4.5, "alarm when |residual| >= threshold * residual sd"),
                    ParamSpec.positive("bandAlpha", 1, 0.02, "smoothing of the residual variance"),
                    ParamSpec.real("clip", 1, 1000, 3, "a residual this many sd off is learnt as if at that distance")),
            HoltWintersDetector::new);

    public HoltWintersDetector(Params params) {
        super(KIND, params);
    }

    @Override
    public String description() {
        return "Holt-Winters additive (period " + params.getInt("period") + ", alpha " + ParamSpec.format(params.get("alpha"))
                + ", beta " + ParamSpec.format(params.get("beta")) + ", gamma " + ParamSpec.format(params.get("gamma"))
                + "), alarm at " + ParamSpec.format(params.get("threshold")) + " residual sd";
    }

    @Override
    public PointStream stream() {
        return new Stream();
    }

    private final class Stream implements PointStream {
        private final int period = params.getInt("period");
        private final int init = period == 1 ? 2 : 2 * period;
        private final double alpha = params.get("alpha");
        private final double beta = params.get("beta");
        private final double gamma = params.get("gamma");
        private final double[] season = new double[period];
        private final double[] first = new double[init];
        private final ResidualBand band = new ResidualBand(params.get("bandAlpha"), params.get("threshold"), params.get("clip"),
                0.005, Math.max(period, 20));
        private long seen;
        private double level;
        private double trend;
        private double lastValue;

        @Override
        public double next(double value) {
            lastValue = value;
            if (seen < init) {
                first[(int) seen++] = value;
                if (seen == init) {
                    initialise();
                }
                return 0;
            }
            int phase = (int) (seen % period);
            double forecast = level + trend + season[phase];
            double learn = band.observe(value, forecast);
            double previousLevel = level;
            level = alpha * (learn - season[phase]) + (1 - alpha) * (level + trend);
            trend = beta * (level - previousLevel) + (1 - beta) * trend;
            if (period > 1) {
                season[phase] = gamma * (learn - level) + (1 - gamma) * season[phase];
            }
            seen++;
            return band.lastScore();
        }

        private void initialise() {
            if (period == 1) {
                level = first[1];
                trend = first[1] - first[0];
                return;
            }
            double m1 = 0, m2 = 0;
            for (int i = 0; i < period; i++) {
                m1 += first[i];
                m2 += first[i + period];
            }
            m1 /= period;
            m2 /= period;
            trend = (m2 - m1) / period;
            for (int i = 0; i < period; i++) {
                // the average of both cycles' deviation from their own mean, trend removed
                season[i] = ((first[i] - m1) + (first[i + period] - m2)) / 2;
            }
            level = m2 + trend * (period - 1) / 2.0;
        }

        @Override
        public Explanation explain() {
            if (seen <= init) {
                return Explanation.warmingUp(lastValue, (int) seen, init + 1);
            }
            return band.explain("Holt-Winters");
        }
    }
}
