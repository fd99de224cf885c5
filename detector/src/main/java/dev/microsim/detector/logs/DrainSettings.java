package dev.microsim.detector.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * Drain's parameters (He et al., ICWS 2017, and logpai/logparser's implementation):
 * {@code depth} counts the root, the length layer, {@code depth - 3} token layers and the leaf;
 * a message joins the most similar group of its leaf when the share of equal tokens is at least
 * {@code similarityThreshold}; an inner node has at most {@code maxChildren} children; masks
 * replace variable parts (IPs, block ids, ...) by {@code <*>} before tokenising.
 */
public record DrainSettings(int depth, double similarityThreshold, int maxChildren, LogMasker masker) {

    public static final int DEFAULT_MAX_CHILDREN = 100;

    public DrainSettings {
        List<String> problems = new ArrayList<>();
        if (depth < 3) {
            problems.add("depth: must be at least 3 (root, length layer, leaf), was " + depth);
        }
        if (!(similarityThreshold >= 0 && similarityThreshold <= 1)) {
            problems.add("similarityThreshold: must be in [0, 1], was " + similarityThreshold);
        }
        if (maxChildren < 2) {
            problems.add("maxChildren: must be at least 2, was " + maxChildren);
        }
        if (masker == null) {
            problems.add("masker: must be given (LogMasker.none() for no masking)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    public static DrainSettings of(int depth, double similarityThreshold, List<String> maskRegexes) {
        return new DrainSettings(depth, similarityThreshold, DEFAULT_MAX_CHILDREN, LogMasker.of(maskRegexes));
    }
}
