package dev.microsim.detector.rank;

import java.util.List;
import java.util.Optional;

/** The built-in root-cause rankers by the names `rank --ranker`, `suite score --builtin` and the report use. */
public final class Rankers {
    /** Every built-in ranker's name, the propagation ranker first. */
    public static final List<String> NAMES = List.of("microsim", "nsigma", "baro", "most-anomalous");

    private Rankers() {}

    /** A new ranker of that name, or empty when no built-in ranker has it. */
    public static Optional<RootCauseRanker> byName(String name) {
        return Optional.ofNullable(switch (name) {
            case "microsim" -> new PropagationRanker();
            case "nsigma" -> new NSigmaRanker();
            case "baro" -> new BaroRanker();
            case "most-anomalous" -> new MostAnomalousServiceRanker();
            default -> null;
        });
    }

    /** "microsim, nsigma, baro or most-anomalous", for error messages. */
    public static String namesInWords() {
        return String.join(", ", NAMES.subList(0, NAMES.size() - 1)) + " or " + NAMES.get(NAMES.size() - 1);
    }
}
