package dev.microsim.detector.detect;

/**
 * The alarm band around a model's forecast, shared by the forecasting detectors (Holt-Winters,
 * STL, ARIMA): an EW variance of the residuals, a point's score {@code |residual| / sd / threshold},
 * and robustness: a residual of at least {@code clip} sd does not move the variance, and the model
 * is told to learn from the value clipped to the band's edge instead, so an anomaly neither widens
 * the band nor drags the forecast after it. The first {@code settle} residuals only fill the band.
 */
final class ResidualBand {

    private final double alpha;
    private final double threshold;
    private final double clip;
    private final double sdFloor;
    private final int settle;
    private long seen;
    private double variance;
    private double meanAbsLevel;
    private double lastValue;
    private double lastExpected;
    private double lastSd;
    private double lastScore;

    ResidualBand(double alpha, double threshold, double clip, double sdFloor, int settle) {
        this.alpha = alpha;
        this.threshold = threshold;
        this.clip = clip;
        this.sdFloor = sdFloor;
        this.settle = Math.max(1, settle);
    }

    /** Scores the value against the forecast and learns the residual; returns the value the model should learn from. */
    double observe(double value, double expected) {
        double residual = value - expected;
        meanAbsLevel = seen == 0 ? Math.abs(value) : meanAbsLevel + 0.01 * (Math.abs(value) - meanAbsLevel);
        double sd = Math.max(Math.sqrt(variance), Math.max(sdFloor * meanAbsLevel, 1e-9));
        lastValue = value;
        lastExpected = expected;
        lastSd = sd;
        double learn = value;
        if (seen < settle) {
            variance += (residual * residual - variance) / (seen + 1);
            lastScore = 0;
        } else {
            lastScore = Math.abs(residual) / sd / threshold;
            if (Math.abs(residual) >= clip * sd) {
                learn = expected + Math.copySign(clip * sd, residual);
            } else {
                variance = (1 - alpha) * variance + alpha * residual * residual;
            }
        }
        seen++;
        return learn;
    }

    double lastScore() {
        return lastScore;
    }

    boolean settled() {
        return seen > settle;
    }

    Explanation explain(String model) {
        double z = (lastValue - lastExpected) / lastSd;
        if (seen <= settle) {
            return new Explanation(lastValue, lastExpected, 0, "settling the " + model + " band (" + seen + " of " + settle + " residuals)");
        }
        return new Explanation(lastValue, lastExpected, z, "value " + Explanation.num(lastValue) + " is " + Explanation.num(Math.abs(z))
                + " sd " + (z >= 0 ? "above" : "below") + " the " + model + " forecast " + Explanation.num(lastExpected)
                + " (alarm at " + ParamSpec.format(threshold) + " sd; score " + Explanation.num(lastScore) + ")");
    }
}
