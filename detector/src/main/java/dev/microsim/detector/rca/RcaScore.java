package dev.microsim.detector.rca;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Root-cause ranking quality: per fault the rank of the first true root cause (absent when it is
 * not ranked at all), AC@k for k = 1..5 and Avg@5, overall and per fault kind.
 */
public record RcaScore(List<FaultRank> faults, Accuracy overall, Map<String, Accuracy> byKind) {

    public static final int MAX_K = 5;

    public RcaScore {
        faults = List.copyOf(faults);
        byKind = Map.copyOf(byKind);
    }

    /** One fault: its kind, the true root causes and where the first of them was ranked. */
    public record FaultRank(String faultId, String kind, List<String> rootCauses, OptionalInt rank, double[] acAtK) {
    }

    /**
     * {@code acAtK[k-1]} is AC@k averaged over the faults; {@code avgAtK} is the mean of AC@1..AC@5.
     */
    public record Accuracy(int faults, double[] acAtK) {
        public double avgAtK() {
            double sum = 0;
            for (double ac : acAtK) {
                sum += ac;
            }
            return sum / acAtK.length;
        }
    }
}
