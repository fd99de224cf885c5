package dev.microsim.detector.classify;

/**
 * The series "perceptron": classifies a stretch of a series as constant, periodic, stationary or
 * random-walk from a few statistics, without labels.
 * <ul>
 *   <li>periodic: the autocorrelation (of the detrended series) has a peak at a lag p >= 3 of at
 *       least {@code minAcf}, after a dip, and differencing at p removes most of the variance:
 *       {@code V(x) / (V(diff_p x) + V(x)) >= minPeriodicity} (white noise gives 1/3), and
 *       differencing at p leaves no more than twice what differencing at 1 does (a random walk's
 *       {@code V(diff_p)} is p times its {@code V(diff_1)}: its spurious ACF bumps are not seasons);</li>
 *   <li>otherwise stationary when the augmented Dickey-Fuller test (constant, one lagged
 *       difference) rejects a unit root at 1% (t < -3.43), else random-walk.</li>
 * </ul>
 */
public final class Perceptron {

    /**
     * MacKinnon's 1% critical value of the ADF t statistic with a constant, large samples: at 5%
     * one random walk in twenty would be called stationary; stationary series here reject far lower.
     */
    public static final double ADF_CRITICAL_1 = -3.43;

    private final double minAcf;
    private final double minPeriodicity;
    private final int maxPeriod;

    public Perceptron(double minAcf, double minPeriodicity, int maxPeriod) {
        if (!(minAcf > 0 && minAcf < 1)) {
            throw new IllegalArgumentException("minAcf = " + minAcf + " is outside (0, 1)");
        }
        if (!(minPeriodicity > 0 && minPeriodicity < 1)) {
            throw new IllegalArgumentException("minPeriodicity = " + minPeriodicity + " is outside (0, 1)");
        }
        if (maxPeriod < 3) {
            throw new IllegalArgumentException("maxPeriod = " + maxPeriod + " must be >= 3");
        }
        this.minAcf = minAcf;
        this.minPeriodicity = minPeriodicity;
        this.maxPeriod = maxPeriod;
    }

    public Perceptron() {
        this(0.3, 0.6, 2000);
    }

    public SeriesClass classify(double[] x) {
        SeriesFeatures f = features(x);
        if (f.points() < 8 || f.variance() <= 1e-12 * (1 + f.mean() * f.mean())) {
            return new SeriesClass(SeriesKind.CONSTANT, 0, f);
        }
        if (f.period() >= 3 && f.acfAtPeriod() >= minAcf && f.periodicity() >= minPeriodicity) {
            return new SeriesClass(SeriesKind.PERIODIC, f.period(), f);
        }
        return new SeriesClass(f.adfStatistic() < ADF_CRITICAL_1 ? SeriesKind.STATIONARY : SeriesKind.RANDOM_WALK, 0, f);
    }

    public SeriesFeatures features(double[] x) {
        int n = x.length;
        double mean = 0;
        for (double v : x) {
            mean += v / Math.max(1, n);
        }
        double[] detrended = detrend(x);
        double variance = variance(detrended);
        if (n < 8 || variance <= 1e-12 * (1 + mean * mean)) {
            return new SeriesFeatures(n, mean, variance, 0, 0, 0, 0, Double.NaN);
        }
        int maxLag = Math.min(maxPeriod, n / 3);
        double[] acf = acf(detrended, variance, maxLag);
        int period = 0;
        double best = 0;
        double lowest = acf.length > 1 ? acf[1] : 0;
        for (int lag = 2; lag < maxLag; lag++) {
            lowest = Math.min(lowest, acf[lag]);
            boolean peak = acf[lag] >= acf[lag - 1] && acf[lag] >= acf[lag + 1];
            // a true seasonal peak follows a dip; a slowly decaying ACF (random walk) has none
            if (lag >= 3 && peak && acf[lag] - lowest >= 0.2 && acf[lag] > best) {
                best = acf[lag];
                period = lag;
            }
        }
        double periodicity = 0;
        if (period > 0) {
            double vx = variance(x);
            double vp = variance(difference(x, period));
            periodicity = vp <= 2 * variance(difference(x, 1)) ? vx / (vp + vx) : 0;
        }
        return new SeriesFeatures(n, mean, variance, period, best, periodicity, acf.length > 1 ? acf[1] : 0, adf(x));
    }

    private static double[] difference(double[] x, int lag) {
        double[] diff = new double[x.length - lag];
        for (int i = lag; i < x.length; i++) {
            diff[i - lag] = x[i] - x[i - lag];
        }
        return diff;
    }

    private static double[] detrend(double[] x) {
        int n = x.length;
        double tMean = (n - 1) / 2.0;
        double xMean = 0;
        for (double v : x) {
            xMean += v / n;
        }
        double cov = 0, var = 0;
        for (int i = 0; i < n; i++) {
            cov += (i - tMean) * (x[i] - xMean);
            var += (i - tMean) * (i - tMean);
        }
        double slope = var == 0 ? 0 : cov / var;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = x[i] - xMean - slope * (i - tMean);
        }
        return out;
    }

    static double variance(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v / x.length;
        }
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return x.length == 0 ? 0 : s / x.length;
    }

    /** ACF of a zero-mean series up to maxLag inclusive. */
    private static double[] acf(double[] x, double variance, int maxLag) {
        int n = x.length;
        double[] acf = new double[maxLag + 1];
        for (int lag = 0; lag <= maxLag; lag++) {
            double s = 0;
            for (int i = lag; i < n; i++) {
                s += x[i] * x[i - lag];
            }
            acf[lag] = s / n / variance;
        }
        return acf;
    }

    /**
     * ADF regression dx_t = a + b x_{t-1} + c dx_{t-1} + e; the t statistic of b. Three regressors:
     * the normal equations are solved in closed form (a 3x3 inverse), which is what a general QR
     * solver spent most of the perceptron's time on.
     */
    static double adf(double[] x) {
        int n = x.length;
        if (n < 12) {
            return Double.NaN;
        }
        // accumulate X'X and X'y for columns (1, x_{t-1}, dx_{t-1}), centred on x's mean for conditioning
        double centre = 0;
        for (double v : x) {
            centre += v / n;
        }
        double[][] xtx = new double[3][3];
        double[] xty = new double[3];
        int rows = n - 2;
        for (int t = 2; t < n; t++) {
            double[] row = {1, x[t - 1] - centre, x[t - 1] - x[t - 2]};
            double y = x[t] - x[t - 1];
            for (int a = 0; a < 3; a++) {
                xty[a] += row[a] * y;
                for (int b = 0; b < 3; b++) {
                    xtx[a][b] += row[a] * row[b];
                }
            }
        }
        double[][] inv = inverse3(xtx);
        if (inv == null) {
            // collinear regressors: a series made of a few values; call it stationary, it does not wander
            return Double.NEGATIVE_INFINITY;
        }
        double[] beta = new double[3];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                beta[a] += inv[a][b] * xty[b];
            }
        }
        double sse = 0;
        for (int t = 2; t < n; t++) {
            double fitted = beta[0] + beta[1] * (x[t - 1] - centre) + beta[2] * (x[t - 1] - x[t - 2]);
            double e = (x[t] - x[t - 1]) - fitted;
            sse += e * e;
        }
        double sigma2 = sse / (rows - 3);
        double se = Math.sqrt(sigma2 * inv[1][1]);
        return se == 0 ? Double.NEGATIVE_INFINITY : beta[1] / se;
    }

    private static double[][] inverse3(double[][] m) {
        double a = m[0][0], b = m[0][1], c = m[0][2], d = m[1][0], e = m[1][1], f = m[1][2], g = m[2][0], h = m[2][1], i = m[2][2];
        double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
        double scale = Math.abs(a * e * i) + Math.abs(b * f * g) + Math.abs(c * d * h) + 1e-300;
        if (Math.abs(det) < 1e-12 * scale) {
            return null;
        }
        return new double[][] {
                {(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det},
                {(f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det},
                {(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det}};
    }
}
