package dev.microsim.detector.classify;

/**
 * What the perceptron measured on a stretch of a series.
 *
 * @param variance         V(x) after removing a linear trend
 * @param period           the lag of the highest qualifying ACF peak (0 if none)
 * @param acfAtPeriod      the ACF at that lag
 * @param periodicity      V(x) / (V(diff_p(x)) + V(x)): near 1 when differencing at the period removes the variance, 1/3 for
 *                         noise; 0 when differencing at p leaves more than twice what lag 1 does
 * @param acfLag1          the lag-1 autocorrelation
 * @param adfStatistic     the augmented Dickey-Fuller t statistic (more negative = more stationary)
 */
public record SeriesFeatures(int points, double mean, double variance, int period, double acfAtPeriod, double periodicity,
                             double acfLag1, double adfStatistic) {

    public String summary() {
        return String.format(java.util.Locale.ROOT, "n=%d, period=%d (acf %.2f, periodicity %.2f), acf(1)=%.2f, ADF t=%.2f",
                points, period, acfAtPeriod, periodicity, acfLag1, adfStatistic);
    }
}
