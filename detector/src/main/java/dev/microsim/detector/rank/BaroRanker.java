package dev.microsim.detector.rank;

/**
 * BARO's root-cause step as RCAEval runs it (Pham et al., FSE 2024): scikit-learn's RobustScaler
 * (median, interquartile range 25-75) fitted on the normal period ({@link ScalerRanker}).
 */
public final class BaroRanker extends ScalerRanker {

    public BaroRanker() {
        this(true);
    }

    public BaroRanker(boolean metricsOnly) {
        super(metricsOnly);
    }

    @Override
    double[] fit(double[] sortedNormal) {
        return new double[] {RobustStats.percentile(sortedNormal, 50),
                RobustStats.percentile(sortedNormal, 75) - RobustStats.percentile(sortedNormal, 25)};
    }

    @Override
    public String name() {
        return metricsOnly() ? "baro" : "baro-all";
    }

    @Override
    public String description() {
        return "BARO (RCAEval): max (x - median) / IQR over the anomalous period, fitted on the normal period, "
                + (metricsOnly() ? "metrics only" : "all signals");
    }
}
