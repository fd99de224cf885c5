package dev.microsim.detector.rank;

/** RCAEval's NSigma: mean and standard deviation of the normal period ({@link ScalerRanker}). */
public final class NSigmaRanker extends ScalerRanker {

    public NSigmaRanker() {
        this(true);
    }

    public NSigmaRanker(boolean metricsOnly) {
        super(metricsOnly);
    }

    @Override
    double[] fit(double[] sortedNormal) {
        return new double[] {RobustStats.mean(sortedNormal), RobustStats.std(sortedNormal)};
    }

    @Override
    public String name() {
        return metricsOnly() ? "nsigma" : "nsigma-all";
    }

    @Override
    public String description() {
        return "NSigma (RCAEval): max (x - mean) / std over the anomalous period, std from the normal period, "
                + (metricsOnly() ? "metrics only" : "all signals");
    }
}
