package dev.microsim.detector.detect;

import com.workday.insights.timeseries.arima.Arima;
import com.workday.insights.timeseries.arima.struct.ArimaParams;
import java.util.List;

/**
 * ARIMA / SARIMA (workday timeseries-forecast) fitted on the trailing {@code window} points and
 * refitted every {@code refit} points; each new point is compared with the forecast the last fit
 * made for it, and scored by its residual in residual sd ({@link ResidualBand}). A seasonal order
 * applies when {@code period} > 1.
 */
public final class ArimaDetector extends DetectorBase<Detector> implements Detector {

    public static final DetectorKind<Detector> KIND = new DetectorKind<>("arima",
            "ARIMA(p,d,q)(P,D,Q)m forecast from the trailing window, residual z-score",
            List.of(
                    ParamSpec.whole("p", 0, 5, 2, "autoregressive order"),
                    ParamSpec.whole("d", 0, 2, 1, "differencing order"),
                    ParamSpec.whole("q", 0, 5, 1, "moving-average order"),
                    ParamSpec.whole("period", 1, 10_000, 1, "seasonal period (1: no seasonal part)"),
                    ParamSpec.whole("seasonalD", 0, 1, 1, "seasonal differencing when period > 1"),
                    ParamSpec.whole("window", 20, 100_000, 120, "points the model is fitted on"),
                    ParamSpec.whole("refit", 1, 10_000, 10, "points between refits (the forecast horizon)"),
                    ParamSpec.positive("threshold", 1000, 4.5, "alarm when |residual| >= threshold * residual sd"),
                    ParamSpec.real("clip", 1, 1000, 3, "a residual this many sd off is learnt as if at that distance")),
            ArimaDetector::new);

    public ArimaDetector(Params params) {
        super(KIND, params);
        if (params.getInt("period") > 1 && params.getInt("window") < 3 * params.getInt("period")) {
            throw new IllegalArgumentException("arima: window = " + params.getInt("window") + " must be at least 3 periods ("
                    + 3 * params.getInt("period") + ") when period = " + params.getInt("period"));
        }
    }

    @Override
    public String description() {
        int m = params.getInt("period");
        return "ARIMA(" + params.getInt("p") + "," + params.getInt("d") + "," + params.getInt("q") + ")"
                + (m > 1 ? "(1," + params.getInt("seasonalD") + ",0)" + m : "") + " on " + params.getInt("window")
                + " points, refit every " + params.getInt("refit") + ", alarm at " + ParamSpec.format(params.get("threshold")) + " residual sd";
    }

    @Override
    public PointStream stream() {
        return new Stream();
    }

    private final class Stream implements PointStream {
        private final int window = params.getInt("window");
        private final int refit = params.getInt("refit");
        private final int period = params.getInt("period");
        private final ArimaParams order = period > 1
                ? new ArimaParams(params.getInt("p"), params.getInt("d"), params.getInt("q"), 1, params.getInt("seasonalD"), 0, period)
                : new ArimaParams(params.getInt("p"), params.getInt("d"), params.getInt("q"), 0, 0, 0, 0);
        private final double[] ring = new double[window];
        private final ResidualBand band = new ResidualBand(0.02, params.get("threshold"), params.get("clip"), 0.005, 30);
        private double[] forecast;
        private int used;
        private long seen;
        private double lastValue;

        @Override
        public double next(double value) {
            lastValue = value;
            double score = 0;
            double learn = value;
            if (forecast != null && used < forecast.length) {
                learn = band.observe(value, forecast[used++]);
                score = band.lastScore();
            }
            // the model learns from the clipped value: an anomaly does not bend the next fit after it
            ring[(int) (seen % window)] = learn;
            seen++;
            if (seen >= window && (forecast == null || used >= forecast.length)) {
                fit();
            }
            return score;
        }

        private void fit() {
            double[] data = new double[window];
            int start = (int) (seen % window);
            for (int i = 0; i < window; i++) {
                data[i] = ring[(start + i) % window];
            }
            double[] f;
            try {
                f = Arima.forecast_arima(data, refit, order).getForecast();
            } catch (RuntimeException e) {
                f = null; // a degenerate window (e.g. constant): fall back to persistence
            }
            if (f == null || f.length < refit || !allFinite(f)) {
                f = new double[refit];
                java.util.Arrays.fill(f, data[window - 1]);
            }
            forecast = f;
            used = 0;
        }

        private boolean allFinite(double[] f) {
            for (double v : f) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Explanation explain() {
            if (forecast == null) {
                return Explanation.warmingUp(lastValue, (int) Math.min(seen, Integer.MAX_VALUE), window + 1);
            }
            return band.explain("ARIMA");
        }
    }
}
