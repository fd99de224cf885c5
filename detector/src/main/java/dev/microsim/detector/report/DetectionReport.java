package dev.microsim.detector.report;

import dev.microsim.detector.metrics.Confusion;
import dev.microsim.detector.metrics.DetectionDelays;
import dev.microsim.detector.metrics.EventCounts;
import dev.microsim.detector.metrics.FalseAlarmRate;
import dev.microsim.detector.metrics.SeriesScore;
import dev.microsim.detector.nab.NabResult;
import java.time.Duration;
import java.util.List;

/**
 * The detection scores of a dataset: one {@link SeriesScore} per predicted series, pooled totals
 * (counts summed over series, so long series weigh more), and the NAB score per profile.
 */
public record DetectionReport(List<SeriesScore> series, List<NabResult> nab) {

    public DetectionReport {
        series = List.copyOf(series);
        nab = List.copyOf(nab);
    }

    public Confusion pooledPointwise() {
        return series.stream().map(SeriesScore::pointwise).reduce(new Confusion(0, 0, 0, 0), Confusion::plus);
    }

    public Confusion pooledPointAdjusted() {
        return series.stream().map(SeriesScore::pointAdjusted).reduce(new Confusion(0, 0, 0, 0), Confusion::plus);
    }

    public EventCounts pooledEvents() {
        return series.stream().map(SeriesScore::eventCounts).reduce(new EventCounts(0, 0, 0, 0), EventCounts::plus);
    }

    public DetectionDelays pooledDelays() {
        return series.stream().map(SeriesScore::delays).reduce(new DetectionDelays(List.of(), 0), DetectionDelays::plus);
    }

    public double pooledFalseAlarmsPerHour() {
        Duration monitored = series.stream().map(SeriesScore::monitored).reduce(Duration.ZERO, Duration::plus);
        return FalseAlarmRate.perHour(pooledEvents().falseAlarms(), monitored);
    }

    /** Mean over series that have anomalies (elsewhere it is undefined). */
    public double meanBestF1() {
        return series.stream().mapToDouble(s -> s.bestF1().f1()).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }

    public double meanPrAuc() {
        return series.stream().mapToDouble(SeriesScore::prAuc).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }

    public double meanPaKArea() {
        return series.stream().mapToDouble(s -> s.paK().area()).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }
}
