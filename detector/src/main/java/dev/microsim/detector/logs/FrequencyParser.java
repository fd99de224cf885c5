package dev.microsim.detector.logs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

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
    private final Supplier<MessageTokenizer> masks;

    public FrequencyParser(int maxConstantValues) {
        this(maxConstantValues, VariableMasker::new);
    }

    private FrequencyParser(int maxConstantValues, Supplier<MessageTokenizer> masks) {
        if (maxConstantValues < 1) {
            throw new IllegalArgumentException("maxConstantValues: must be at least 1, was " + maxConstantValues);
        }
        this.maxConstantValues = maxConstantValues;
        this.masks = masks;
    }

    /** The same parser on the masks' regex specification ({@link RegexVariableMasker}): the same templates, slower; for benchmarks. */
    public static FrequencyParser withRegexMasks() {
        return new FrequencyParser(DEFAULT_MAX_CONSTANT_VALUES, RegexVariableMasker::new);
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
        MessageTokenizer masker = masks.get();
        Words words = new Words();
        int[][] tokens = new int[messages.size()][];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = words.ids(masker.tokens(messages.get(i)));
        }
        String[] templates = new String[tokens.length];
        new Batch(tokens, words, templates).parse();
        return List.of(templates);
    }

    /** One parse: messages as word ids, slices of an index array as groups (no per-group collections). */
    private final class Batch {
        private final int[][] tokens;
        private final Words words;
        private final String[] templates;
        /** Per word id: a count, or the stamp of the last distinct-count that saw it. */
        private final int[] count;
        private final int[] seen;
        private int stamp;

        Batch(int[][] tokens, Words words, String[] templates) {
            this.tokens = tokens;
            this.words = words;
            this.templates = templates;
            this.count = new int[words.size()];
            this.seen = new int[words.size()];
        }

        void parse() {
            int[] byLength = new int[tokens.length];
            int[] lengths = new int[tokens.length]; // lengths[k]: the length of byLength[k]
            for (int i = 0; i < tokens.length; i++) {
                byLength[i] = i;
                lengths[i] = tokens[i].length;
            }
            int[] starts = groupBy(byLength, 0, tokens.length, lengths);
            for (int g = 0; g + 1 < starts.length; g++) {
                parseLengthGroup(byLength, starts[g], starts[g + 1], tokens[byLength[starts[g]]].length);
            }
        }

        private void parseLengthGroup(int[] members, int from, int to, int length) {
            int size = to - from;
            int[] frequency = new int[size * length];
            for (int p = 0; p < length; p++) {
                for (int k = from; k < to; k++) {
                    count[tokens[members[k]][p]]++;
                }
                for (int k = from; k < to; k++) {
                    frequency[(k - from) * length + p] = count[tokens[members[k]][p]];
                }
                for (int k = from; k < to; k++) {
                    count[tokens[members[k]][p]] = 0;
                }
            }
            Map<RootKey, Integer> rootIds = new HashMap<>();
            List<boolean[]> rootPositions = new ArrayList<>();
            int[] rootOf = new int[size];
            int[] sorted = new int[length];
            for (int k = 0; k < size; k++) {
                int rootFrequency = rootFrequency(frequency, k * length, length, sorted);
                int inRoot = 0;
                for (int p = 0; p < length; p++) {
                    inRoot += frequency[k * length + p] == rootFrequency ? 1 : 0;
                }
                int[] key = new int[2 * inRoot];
                boolean[] positions = new boolean[length];
                int[] message = tokens[members[from + k]];
                for (int p = 0, j = 0; p < length; p++) {
                    if (frequency[k * length + p] == rootFrequency) {
                        key[j++] = p;
                        key[j++] = message[p];
                        positions[p] = true;
                    }
                }
                Integer id = rootIds.putIfAbsent(new RootKey(key), rootPositions.size());
                if (id == null) {
                    rootOf[k] = rootPositions.size();
                    rootPositions.add(positions);
                } else {
                    rootOf[k] = id;
                }
            }
            int[] starts = groupBy(members, from, to, rootOf);
            for (int g = 0; g + 1 < starts.length; g++) {
                boolean[] inRoot = rootPositions.get(rootOf[starts[g] - from]);
                int[] undecided = new int[length];
                int n = 0;
                for (int p = 0; p < length; p++) {
                    if (!inRoot[p]) {
                        undecided[n++] = p;
                    }
                }
                split(members, starts[g], starts[g + 1], Arrays.copyOf(undecided, n), length);
            }
        }

        private void split(int[] members, int from, int to, int[] undecided, int length) {
            int column = -1;
            int fewest = Integer.MAX_VALUE;
            for (int p : undecided) {
                int distinct = distinct(members, from, to, p);
                if (distinct > 1 && distinct < fewest && !allMasked(members, from, to, p)) {
                    fewest = distinct;
                    column = p;
                }
            }
            if (column >= 0 && fewest <= maxConstantValues) {
                int[] word = new int[to - from];
                for (int k = from; k < to; k++) {
                    word[k - from] = tokens[members[k]][column];
                }
                int[] starts = groupBy(members, from, to, word);
                int[] rest = new int[undecided.length - 1];
                int j = 0;
                for (int p : undecided) {
                    if (p != column) {
                        rest[j++] = p;
                    }
                }
                for (int g = 0; g + 1 < starts.length; g++) {
                    split(members, starts[g], starts[g + 1], rest, length);
                }
                return;
            }
            // every message left here has the same template: constants agree, the rest is <*>
            boolean[] parameter = new boolean[length];
            for (int p : undecided) {
                parameter[p] = distinct(members, from, to, p) > 1;
            }
            int[] first = tokens[members[from]];
            StringBuilder template = new StringBuilder();
            for (int p = 0; p < length; p++) {
                if (p > 0) {
                    template.append(' ');
                }
                template.append(parameter[p] ? W : words.word(first[p]));
            }
            String text = template.toString();
            for (int k = from; k < to; k++) {
                templates[members[k]] = text;
            }
        }

        private int distinct(int[] members, int from, int to, int position) {
            stamp++;
            int distinct = 0;
            for (int k = from; k < to; k++) {
                int id = tokens[members[k]][position];
                if (seen[id] != stamp) {
                    seen[id] = stamp;
                    distinct++;
                }
            }
            return distinct;
        }

        private boolean allMasked(int[] members, int from, int to, int position) {
            for (int k = from; k < to; k++) {
                if (!words.hasWildcard(tokens[members[k]][position])) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Reorders {@code members[from, to)} so equal keys are contiguous ({@code keys[k - from]} is
     * the key of {@code members[k]}, reordered alike) and returns the group boundaries, from
     * {@code from} to {@code to}. One primitive sort of (key, slot) pairs; keys are non-negative.
     */
    static int[] groupBy(int[] members, int from, int to, int[] keys) {
        int size = to - from;
        long[] pairs = new long[size];
        for (int k = 0; k < size; k++) {
            pairs[k] = ((long) keys[k] << 32) | k;
        }
        Arrays.sort(pairs);
        int[] slice = Arrays.copyOfRange(members, from, to);
        int[] starts = new int[size + 1];
        int groups = 0;
        for (int k = 0; k < size; k++) {
            int key = (int) (pairs[k] >>> 32);
            members[from + k] = slice[(int) pairs[k]];
            if (k == 0 || key != keys[k - 1]) {
                starts[groups++] = from + k;
            }
            keys[k] = key;
        }
        starts[groups++] = to;
        return Arrays.copyOf(starts, groups);
    }

    /** The frequency most positions share (ties: the higher one): the value of the longest run of the sorted row. */
    private static int rootFrequency(int[] frequency, int offset, int length, int[] scratch) {
        System.arraycopy(frequency, offset, scratch, 0, length);
        Arrays.sort(scratch, 0, length);
        int best = -1;
        int most = 0;
        for (int run = 0; run < length; ) {
            int end = run;
            while (end < length && scratch[end] == scratch[run]) {
                end++;
            }
            if (end - run >= most) { // sorted ascending: a tie goes to the higher frequency
                most = end - run;
                best = scratch[run];
            }
            run = end;
        }
        return best;
    }

    /** A root: its positions and the words there, as (position, word id) pairs. */
    private record RootKey(int[] pairs) {
        @Override
        public boolean equals(Object other) {
            return other instanceof RootKey key && Arrays.equals(pairs, key.pairs);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(pairs);
        }
    }

    /** Words of one parse as dense ids, and whether each holds a masked part. */
    private static final class Words {
        private final Map<String, Integer> ids = new HashMap<>();
        private final List<String> words = new ArrayList<>();
        private boolean[] wildcard = new boolean[256];

        int[] ids(String[] tokens) {
            int[] out = new int[tokens.length];
            for (int p = 0; p < tokens.length; p++) {
                out[p] = id(tokens[p]);
            }
            return out;
        }

        private int id(String word) {
            Integer id = ids.get(word);
            if (id != null) {
                return id;
            }
            int next = words.size();
            ids.put(word, next);
            words.add(word);
            if (next == wildcard.length) {
                wildcard = Arrays.copyOf(wildcard, 2 * next);
            }
            wildcard[next] = word.contains(W);
            return next;
        }

        String word(int id) {
            return words.get(id);
        }

        boolean hasWildcard(int id) {
            return wildcard[id];
        }

        int size() {
            return words.size();
        }
    }
}
