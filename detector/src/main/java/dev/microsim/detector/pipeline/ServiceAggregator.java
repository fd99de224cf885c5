package dev.microsim.detector.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds the verdicts of one service's series into its score over time and its episodes. The
 * service's score at an instant is the {@code minSeries}-th highest score of its series (1: the
 * highest), so an instant is over the line when at least {@code minSeries} series are: a fault
 * moves several of a service's signals at once, a noisy percentile of one endpoint alone does not
 * make an incident. An episode is a stretch of over-the-line instants whose gaps are at most
 * {@code mergeGap} points (one incident lights series up at slightly different moments) and which
 * lasts at least {@code minPoints} instants (a lone blip is not an incident).
 */
public final class ServiceAggregator {

    private final int mergeGap;
    private final int minPoints;
    private final int minSeries;

    public ServiceAggregator(int mergeGap, int minPoints) {
        this(mergeGap, minPoints, 1);
    }

    public ServiceAggregator(int mergeGap, int minPoints, int minSeries) {
        if (mergeGap < 0) {
            throw new IllegalArgumentException("mergeGap = " + mergeGap + " must be >= 0 points");
        }
        if (minPoints < 1) {
            throw new IllegalArgumentException("minPoints = " + minPoints + " must be >= 1");
        }
        if (minSeries < 1) {
            throw new IllegalArgumentException("minSeries = " + minSeries + " must be >= 1");
        }
        this.mergeGap = mergeGap;
        this.minPoints = minPoints;
        this.minSeries = minSeries;
    }

    public List<ServiceScore> aggregate(List<SeriesVerdict> verdicts) {
        Map<String, List<SeriesVerdict>> byService = new LinkedHashMap<>();
        for (SeriesVerdict v : verdicts) {
            byService.computeIfAbsent(v.service(), s -> new ArrayList<>()).add(v);
        }
        List<ServiceScore> result = new ArrayList<>();
        byService.forEach((service, list) -> result.add(aggregate(service, list)));
        return result;
    }

    ServiceScore aggregate(String service, List<SeriesVerdict> series) {
        long[] times = union(series);
        // the minSeries highest scores at each instant, highest first; the service's score is the last of them
        double[][] highest = new double[minSeries][times.length];
        String[] top = new String[times.length];
        Arrays.fill(top, "");
        for (SeriesVerdict v : series) {
            int j = 0;
            for (int i = 0; i < v.epochMillis().length; i++) {
                while (times[j] != v.epochMillis()[i]) {
                    j++;
                }
                double score = v.scores()[i];
                if (top[j].isEmpty() || score > highest[0][j]) {
                    top[j] = v.series();
                }
                for (int k = 0; k < minSeries; k++) {
                    if (score > highest[k][j]) {
                        double pushed = highest[k][j];
                        highest[k][j] = score;
                        score = pushed;
                    }
                }
            }
        }
        double[] scores = highest[minSeries - 1];
        boolean[] alarms = new boolean[times.length];
        List<ServiceEpisode> episodes = new ArrayList<>();
        int i = 0;
        while (i < times.length) {
            if (scores[i] < 1.0) {
                i++;
                continue;
            }
            int first = i;
            int last = i;
            int count = 0;
            int j = i;
            while (j < times.length && j - last <= mergeGap + 1) {
                if (scores[j] >= 1.0) {
                    last = j;
                    count++;
                }
                j++;
            }
            if (count >= minPoints) {
                Arrays.fill(alarms, first, last + 1, true);
                episodes.add(episode(service, series, times, scores, first, last));
            }
            i = last + 1;
        }
        return new ServiceScore(service, times, scores, top, alarms, episodes);
    }

    private static ServiceEpisode episode(String service, List<SeriesVerdict> series, long[] times, double[] scores,
                                          int first, int last) {
        long onset = times[first];
        long end = times[last];
        double peak = 0;
        for (int k = first; k <= last; k++) {
            peak = Math.max(peak, scores[k]);
        }
        record Involved(String name, long firstAlarm, double scoreThen) {
        }
        List<Involved> involved = new ArrayList<>();
        for (SeriesVerdict v : series) {
            for (int k = 0; k < v.epochMillis().length; k++) {
                long t = v.epochMillis()[k];
                if (t > end) {
                    break;
                }
                if (t >= onset && v.scores()[k] >= 1.0) {
                    involved.add(new Involved(v.series(), t, v.scores()[k]));
                    break;
                }
            }
        }
        involved.sort(Comparator.comparingLong(Involved::firstAlarm).thenComparing(Involved::scoreThen, Comparator.reverseOrder()));
        return new ServiceEpisode(service, onset, end, peak, involved.get(0).name(), involved.stream().map(Involved::name).toList());
    }

    private static long[] union(List<SeriesVerdict> series) {
        // the usual case: every series of a service was recorded at the same instants
        long[] first = series.get(0).epochMillis();
        if (series.stream().allMatch(v -> Arrays.equals(v.epochMillis(), first))) {
            return first;
        }
        return series.stream().flatMapToLong(v -> Arrays.stream(v.epochMillis())).distinct().sorted().toArray();
    }
}
