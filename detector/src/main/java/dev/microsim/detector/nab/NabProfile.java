package dev.microsim.detector.nab;

import java.util.List;
import java.util.Objects;

/**
 * A NAB application profile: the weights of its cost matrix (config/profiles.json). NAB ignores
 * {@code tnWeight}, so it is not kept.
 */
public record NabProfile(String name, double tpWeight, double fpWeight, double fnWeight) {

    public static final NabProfile STANDARD = new NabProfile("standard", 1.0, 0.11, 1.0);
    public static final NabProfile REWARD_LOW_FP_RATE = new NabProfile("reward_low_FP_rate", 1.0, 0.22, 1.0);
    public static final NabProfile REWARD_LOW_FN_RATE = new NabProfile("reward_low_FN_rate", 1.0, 0.11, 2.0);

    public NabProfile {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("profile name must not be blank");
        }
        requireWeight("tpWeight", tpWeight);
        requireWeight("fpWeight", fpWeight);
        requireWeight("fnWeight", fnWeight);
    }

    /** The three official profiles, in the order NAB reports them. */
    public static List<NabProfile> official() {
        return List.of(STANDARD, REWARD_LOW_FP_RATE, REWARD_LOW_FN_RATE);
    }

    private static void requireWeight(String field, double value) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException(field + " must be a finite number >= 0, was " + value);
        }
    }
}
