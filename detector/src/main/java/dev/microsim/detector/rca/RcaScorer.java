package dev.microsim.detector.rca;

import dev.microsim.detector.dataset.Fault;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Scores root-cause rankings as RCAEval does: for a fault with root-cause set V,
 * {@code AC@k = |top-k ∩ V| / min(k, |V|)}, averaged over faults; {@code Avg@k = (1/k) Σ_{j≤k} AC@j}.
 * A fault with no ranking scores 0 everywhere: not answering is not a free pass.
 */
public final class RcaScorer {

    public RcaScore score(List<Fault> faults, Map<String, List<String>> rankings) {
        List<RcaScore.FaultRank> ranks = new ArrayList<>();
        Map<String, List<RcaScore.FaultRank>> byKind = new LinkedHashMap<>();
        for (Fault fault : faults) {
            if (fault.rootCauses().isEmpty()) {
                continue; // nothing to find: not a root-cause case
            }
            List<String> ranking = rankings.getOrDefault(fault.id(), List.of());
            double[] ac = new double[RcaScore.MAX_K];
            for (int k = 1; k <= RcaScore.MAX_K; k++) {
                long hits = ranking.stream().limit(k).distinct().filter(fault.rootCauses()::contains).count();
                ac[k - 1] = (double) hits / Math.min(k, fault.rootCauses().size());
            }
            OptionalInt rank = OptionalInt.empty();
            for (int i = 0; i < ranking.size(); i++) {
                if (fault.rootCauses().contains(ranking.get(i))) {
                    rank = OptionalInt.of(i + 1);
                    break;
                }
            }
            RcaScore.FaultRank faultRank = new RcaScore.FaultRank(fault.id(), fault.kind(), fault.rootCauses(), rank, ac);
            ranks.add(faultRank);
            byKind.computeIfAbsent(fault.kind(), k -> new ArrayList<>()).add(faultRank);
        }
        Map<String, RcaScore.Accuracy> kinds = new LinkedHashMap<>();
        byKind.forEach((kind, list) -> kinds.put(kind, accuracy(list)));
        return new RcaScore(ranks, accuracy(ranks), kinds);
    }

    private static RcaScore.Accuracy accuracy(List<RcaScore.FaultRank> ranks) {
        double[] mean = new double[RcaScore.MAX_K];
        for (RcaScore.FaultRank rank : ranks) {
            for (int k = 0; k < RcaScore.MAX_K; k++) {
                mean[k] += rank.acAtK()[k] / ranks.size();
            }
        }
        if (ranks.isEmpty()) {
            java.util.Arrays.fill(mean, Double.NaN);
        }
        return new RcaScore.Accuracy(ranks.size(), mean);
    }
}
