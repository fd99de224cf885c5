package dev.microsim.detector.detect;

import dev.microsim.detector.context.ContextualAnomalyDetector;
import dev.microsim.detector.context.RangeTrackingCad;
import dev.microsim.detector.context.RestPeriod;
import java.util.Arrays;
import java.util.List;

/**
 * The Contextual Anomaly Detector (CAD OSE, {@link ContextualAnomalyDetector}) on one series. CAD
 * bins values within a range; a stream does not know it, so the first {@code rangePoints} points
 * set it and are learnt; scores stay 0 for the first {@code learnPoints} (every early context is new,
 * so early scores say nothing); a later value outside the range grows it
 * ({@link RangeTrackingCad}). The score is CAD's (in [0, 1]) over the threshold, silenced for
 * {@code restPoints} points after an alarm ({@link RestPeriod}).
 */
public final class ContextOseDetector extends DetectorBase<Detector> implements Detector {

    public static final DetectorKind<Detector> KIND = new DetectorKind<>("context-ose",
            "Contextual Anomaly Detector (CAD OSE): how unexpected and how new the step's context is",
            List.of(
                    ParamSpec.whole("rangePoints", 2, 1_000_000, 60, "first points: their range sets the value bins; learnt, not scored"),
                    ParamSpec.whole("learnPoints", 0, 1_000_000, 600, "first points learnt with their scores reported as 0 (CAD's early contexts are all new)"),
                    ParamSpec.real("margin", 0, 10, 0.5, "the range is widened by this share of its spread on each side"),
                    ParamSpec.whole("replay", 1, 1_000_000, 1000, "past points relearnt when a new extreme grows the range"),
                    ParamSpec.positive("threshold", 1, 0.75, "alarm when the CAD score >= this"),
                    ParamSpec.whole("restPoints", 0, 1_000_000, 30, "scores silenced after an alarm-level one")),
            ContextOseDetector::new);

    public ContextOseDetector(Params params) {
        super(KIND, params);
    }

    @Override
    public String description() {
        return "CAD OSE (learns " + params.getInt("learnPoints") + " points; 8 bins over the range of the first " + params.getInt("rangePoints") + " points widened by "
                + ParamSpec.format(params.get("margin")) + " of it, grown by new extremes), alarm at "
                + ParamSpec.format(params.get("threshold")) + ", quiet for " + params.getInt("restPoints") + " points after an alarm";
    }

    @Override
    public PointStream stream() {
        return new Stream();
    }

    private final class Stream implements PointStream {
        private final int rangePoints = params.getInt("rangePoints");
        private final int learnPoints = params.getInt("learnPoints");
        private final double threshold = params.get("threshold");
        private final double[] first = new double[rangePoints];
        private final RestPeriod rest = new RestPeriod(params.getInt("restPoints"), threshold);
        private RangeTrackingCad cad;
        private int seen;
        private double lastValue;
        private double lastScore;

        @Override
        public double next(double value) {
            lastValue = value;
            if (cad == null) {
                first[seen++] = value;
                if (seen == rangePoints) {
                    start();
                }
                return 0;
            }
            double filtered = rest.filter(cad.next(value));
            seen++;
            lastScore = seen <= learnPoints ? 0 : filtered / threshold;
            return lastScore;
        }

        private void start() {
            cad = new RangeTrackingCad(Arrays.stream(first).min().orElseThrow(), Arrays.stream(first).max().orElseThrow(),
                    params.get("margin"), params.getInt("replay"));
            for (double v : first) {
                rest.filter(cad.next(v));
            }
        }

        @Override
        public Explanation explain() {
            if (cad == null || seen <= learnPoints) {
                return Explanation.warmingUp(lastValue, seen, Math.max(rangePoints, learnPoints) + 1);
            }
            double raw = cad.lastScore();
            String why = raw >= 0.5
                    ? "an unexpected step: few of the contexts that matched the last steps foresaw value " + Explanation.num(lastValue)
                    : "an expected step: most contexts that matched the last steps foresaw value " + Explanation.num(lastValue);
            return new Explanation(lastValue, Double.NaN, raw, why + " (CAD score " + Explanation.num(raw) + ", alarm at "
                    + ParamSpec.format(threshold) + ", range [" + Explanation.num(cad.low()) + ", " + Explanation.num(cad.high()) + "])"
                    + (lastScore == 0 && raw >= threshold ? "; silenced: resting after an alarm" : ""));
        }
    }
}
