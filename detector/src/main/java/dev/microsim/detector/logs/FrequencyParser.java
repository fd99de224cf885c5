package dev.microsim.detector.logs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MicroSim's most accurate log parser: a batch parser in the spirit of Brain (Yu et al., "Brain:
 * Log Parsing with Bidirectional Parallel Tree", IEEE TSC 2023), with one setting for every log
 * source. Steps:
 *
 * <ol>
 *   <li>mask parameters with {@link VariableMasker} (the same masks for every source) and group
 *       messages by token count;</li>
 *   <li>in a group, count each word per position; a message's <em>root</em> is the set of its
 *       words that share the frequency most of its words have (ties: the higher frequency), so
 *       messages of one template share a root however their parameters vary;</li>
 *   <li>within a root, decide the other positions one at a time, fewest distinct words first:
 *       a position whose words all carry a masked part and differ is a parameter; a position with
 *       at most {@code maxConstantValues} distinct words is constant and splits the messages by
 *       its word; once the position with the fewest distinct words has more than that, every
 *       position still varying is a parameter.</li>
 * </ol>
 *
 * <p>The principle: a word without digits is part of the template unless it takes many values
 * where it stands. Not online: it needs the batch (per service and dataset in MicroSim).
 */
public final class FrequencyParser implements LogParser {

    /** Chosen on loghub-2k: 3 to 5 give the same average; see docs/accuracy.md for the sweep and the split-half check. */
    public static final int DEFAULT_MAX_CONSTANT_VALUES = 4;
    private static final String W = LogTemplateMiner.WILDCARD;

    private final int maxConstantValues;

    public FrequencyParser(int maxConstantValues) {
        if (maxConstantValues < 1) {
            throw new IllegalArgumentException("maxConstantValues: must be at least 1, was " + maxConstantValues);
        }
        this.maxConstantValues = maxConstantValues;
    }

    public FrequencyParser() {
        this(DEFAULT_MAX_CONSTANT_VALUES);
    }

    @Override
    public String description() {
        return "frequency parser (Brain-style roots, a position with more than " + maxConstantValues
                + " distinct words is a parameter; one mask set for all sources)";
    }

    @Override
    public List<String> parse(List<String> messages) {
        VariableMasker masker = new VariableMasker();
        String[][] tokens = new String[messages.size()][];
        Map<Integer, List<Integer>> byLength = new LinkedHashMap<>();
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = masker.tokens(messages.get(i));
            byLength.computeIfAbsent(tokens[i].length, n -> new ArrayList<>()).add(i);
        }
        String[] templates = new String[tokens.length];
        byLength.forEach((length, members) -> parseLengthGroup(tokens, length, members, templates));
        return List.of(templates);
    }

    private void parseLengthGroup(String[][] tokens, int length, List<Integer> members, String[] templates) {
        List<Map<String, Integer>> frequency = new ArrayList<>(length);
        for (int p = 0; p < length; p++) {
            Map<String, Integer> counts = new HashMap<>();
            for (int i : members) {
                counts.merge(tokens[i][p], 1, Integer::sum);
            }
            frequency.add(counts);
        }
        Map<String, List<Integer>> roots = new LinkedHashMap<>();
        Map<String, boolean[]> rootPositions = new HashMap<>();
        for (int i : members) {
            int[] f = new int[length];
            Map<Integer, Integer> wordsPerFrequency = new HashMap<>();
            for (int p = 0; p < length; p++) {
                f[p] = frequency.get(p).get(tokens[i][p]);
                wordsPerFrequency.merge(f[p], 1, Integer::sum);
            }
            int rootFrequency = -1;
            int most = -1;
            for (Map.Entry<Integer, Integer> e : wordsPerFrequency.entrySet()) {
                if (e.getValue() > most || (e.getValue() == most && e.getKey() > rootFrequency)) {
                    rootFrequency = e.getKey();
                    most = e.getValue();
                }
            }
            StringBuilder key = new StringBuilder();
            boolean[] inRoot = new boolean[length];
            for (int p = 0; p < length; p++) {
                if (f[p] == rootFrequency) {
                    key.append(p).append('\u0000').append(tokens[i][p]).append('\u0001');
                    inRoot[p] = true;
                }
            }
            String rootKey = key.toString();
            roots.computeIfAbsent(rootKey, k -> new ArrayList<>()).add(i);
            rootPositions.putIfAbsent(rootKey, inRoot);
        }
        roots.forEach((rootKey, group) -> {
            boolean[] inRoot = rootPositions.get(rootKey);
            List<Integer> undecided = new ArrayList<>();
            for (int p = 0; p < length; p++) {
                if (!inRoot[p]) {
                    undecided.add(p);
                }
            }
            split(tokens, group, undecided, length, templates);
        });
    }

    private void split(String[][] tokens, List<Integer> group, List<Integer> undecided, int length, String[] templates) {
        int column = -1;
        int fewest = Integer.MAX_VALUE;
        for (int p : undecided) {
            int distinct = distinct(tokens, group, p);
            if (distinct > 1 && distinct < fewest && !allMasked(tokens, group, p)) {
                fewest = distinct;
                column = p;
            }
        }
        if (column >= 0 && fewest <= maxConstantValues) {
            Map<String, List<Integer>> byWord = new LinkedHashMap<>();
            for (int i : group) {
                byWord.computeIfAbsent(tokens[i][column], w -> new ArrayList<>()).add(i);
            }
            List<Integer> rest = new ArrayList<>(undecided);
            rest.remove(Integer.valueOf(column));
            for (List<Integer> part : byWord.values()) {
                split(tokens, part, rest, length, templates);
            }
            return;
        }
        boolean[] parameter = new boolean[length];
        for (int p : undecided) {
            parameter[p] = distinct(tokens, group, p) > 1;
        }
        for (int i : group) {
            StringBuilder template = new StringBuilder();
            for (int p = 0; p < length; p++) {
                if (p > 0) {
                    template.append(' ');
                }
                template.append(parameter[p] ? W : tokens[i][p]);
            }
            templates[i] = template.toString();
        }
    }

    private static int distinct(String[][] tokens, List<Integer> group, int position) {
        Set<String> words = new HashSet<>();
        for (int i : group) {
            words.add(tokens[i][position]);
        }
        return words.size();
    }

    private static boolean allMasked(String[][] tokens, List<Integer> group, int position) {
        for (int i : group) {
            if (!tokens[i][position].contains(W)) {
                return false;
            }
        }
        return true;
    }
}
