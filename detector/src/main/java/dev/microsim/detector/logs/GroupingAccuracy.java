package dev.microsim.detector.logs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Grouping accuracy of a log parser (Zhu et al., ICSE-SEIP 2019; logparser's evaluator): the share
 * of messages whose predicted group holds exactly the same set of messages as their true group.
 * A scorer: it is the only place that sees ground-truth event ids.
 */
public final class GroupingAccuracy {

    private GroupingAccuracy() {
    }

    /** {@code truth.get(i)} and {@code predicted.get(i)} are the i-th message's true and predicted group keys. */
    public static double of(List<String> truth, List<String> predicted) {
        if (truth.size() != predicted.size()) {
            throw new IllegalArgumentException(truth.size() + " true groups for " + predicted.size() + " predicted");
        }
        if (truth.isEmpty()) {
            return Double.NaN;
        }
        Map<String, Integer> trueSize = new HashMap<>();
        truth.forEach(t -> trueSize.merge(t, 1, Integer::sum));
        // per predicted group: its size, and the single true group it covers (null once it mixes two)
        Map<String, Integer> predictedSize = new HashMap<>();
        Map<String, String> covers = new HashMap<>();
        Map<String, Boolean> pure = new HashMap<>();
        for (int i = 0; i < truth.size(); i++) {
            String p = predicted.get(i);
            predictedSize.merge(p, 1, Integer::sum);
            String previous = covers.putIfAbsent(p, truth.get(i));
            if (previous != null && !previous.equals(truth.get(i))) {
                pure.put(p, false);
            }
        }
        long correct = 0;
        for (Map.Entry<String, Integer> group : predictedSize.entrySet()) {
            String p = group.getKey();
            if (pure.getOrDefault(p, true) && trueSize.get(covers.get(p)).equals(group.getValue())) {
                correct += group.getValue();
            }
        }
        return (double) correct / truth.size();
    }
}
