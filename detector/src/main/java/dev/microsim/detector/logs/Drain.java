package dev.microsim.detector.logs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drain (He, Zhu, Zheng, Lyu: "Drain: An Online Log Parsing Approach with Fixed Depth Tree",
 * ICWS 2017), reproducing logpai/logparser's reference implementation decision for decision, so
 * that its published grouping accuracies are reproduced (docs/accuracy.md):
 *
 * <ul>
 *   <li>a message is masked, split on whitespace, and routed by its token count, then by its first
 *       {@code depth - 3} tokens (a token with a digit goes to the {@code <*>} child; a node that
 *       has {@code maxChildren} children sends new tokens to {@code <*>});</li>
 *   <li>at the leaf it joins the group whose template shares the most equal tokens (positions where
 *       the template has {@code <*>} do not count as equal, but break ties), if that share is at
 *       least the similarity threshold; the template then turns differing positions into {@code <*>};</li>
 *   <li>otherwise it starts a new group, filed under the path of its own tokens.</li>
 * </ul>
 *
 * <p>One quirk kept on purpose: a message with fewer than {@code depth - 2} tokens is never filed
 * in a leaf by the reference, so it never joins an earlier group; such messages only end up
 * together when their templates are equal text (which is how the reference's output groups).
 */
public final class Drain implements LogTemplateMiner {

    private final DrainSettings settings;
    /** The reference's {@code self.depth}: the level at which the leaf's groups hang. */
    private final int leafLevel;
    private final Map<Integer, Node> byLength = new HashMap<>();
    private final List<Group> groups = new ArrayList<>();
    private final LogMasker masker;

    public Drain(DrainSettings settings) {
        this.settings = settings;
        this.masker = settings.masker().copy();
        this.leafLevel = settings.depth() - 2;
    }

    @Override
    public String description() {
        return "Drain (reference logparser algorithm): depth " + settings.depth() + ", similarity >= "
                + settings.similarityThreshold() + ", max children " + settings.maxChildren() + ", " + settings.masker();
    }

    @Override
    public int add(String message) {
        String[] tokens = masker.maskedTokens(message);
        Group match = search(tokens);
        if (match == null) {
            Group group = new Group(groups.size(), tokens);
            groups.add(group);
            file(group);
            return group.id;
        }
        match.generalise(tokens);
        return match.id;
    }

    @Override
    public String template(int groupId) {
        return String.join(" ", groups.get(groupId).template);
    }

    @Override
    public int groups() {
        return groups.size();
    }

    private Group search(String[] tokens) {
        Node node = byLength.get(tokens.length);
        if (node == null || tokens.length < leafLevel) {
            return null; // short messages are never filed (see the class comment)
        }
        for (int level = 1; level < leafLevel; level++) {
            Node next = node.children.get(tokens[level - 1]);
            if (next == null) {
                next = node.children.get(WILDCARD);
            }
            if (next == null) {
                return null;
            }
            node = next;
        }
        return bestMatch(node.groups, tokens);
    }

    private Group bestMatch(List<Group> candidates, String[] tokens) {
        Group best = null;
        double bestSimilarity = -1;
        int bestWildcards = -1;
        for (Group group : candidates) {
            int equal = 0;
            int wildcards = 0;
            String[] template = group.template;
            for (int i = 0; i < template.length; i++) {
                if (template[i].equals(WILDCARD)) {
                    wildcards++;
                } else if (template[i].equals(tokens[i])) {
                    equal++;
                }
            }
            double similarity = (double) equal / template.length;
            if (similarity > bestSimilarity || (similarity == bestSimilarity && wildcards > bestWildcards)) {
                best = group;
                bestSimilarity = similarity;
                bestWildcards = wildcards;
            }
        }
        return bestSimilarity >= settings.similarityThreshold() ? best : null;
    }

    private void file(Group group) {
        String[] tokens = group.template;
        Node node = byLength.computeIfAbsent(tokens.length, n -> new Node());
        if (tokens.length < leafLevel) {
            return;
        }
        for (int level = 1; level < leafLevel; level++) {
            node = childFor(node, tokens[level - 1]);
        }
        node.groups.add(group);
    }

    /** The reference's routing when a token has no child of its own yet. */
    private Node childFor(Node node, String token) {
        Node existing = node.children.get(token);
        if (existing != null) {
            return existing;
        }
        int max = settings.maxChildren();
        Map<String, Node> children = node.children;
        if (Tokens.hasDigit(token)) {
            return children.computeIfAbsent(WILDCARD, t -> new Node());
        }
        if (children.containsKey(WILDCARD)) {
            return children.size() < max ? put(children, token) : children.get(WILDCARD);
        }
        if (children.size() + 1 < max) {
            return put(children, token);
        }
        if (children.size() + 1 == max) {
            return put(children, WILDCARD);
        }
        return children.get(WILDCARD);
    }

    private static Node put(Map<String, Node> children, String token) {
        Node node = new Node();
        children.put(token, node);
        return node;
    }

    private static final class Node {
        final Map<String, Node> children = new HashMap<>();
        final List<Group> groups = new ArrayList<>(1);
    }

    private static final class Group {
        final int id;
        String[] template;

        Group(int id, String[] template) {
            this.id = id;
            this.template = template;
        }

        void generalise(String[] tokens) {
            String[] next = null;
            for (int i = 0; i < template.length; i++) {
                if (!template[i].equals(tokens[i]) && !template[i].equals(WILDCARD)) {
                    if (next == null) {
                        next = template.clone();
                    }
                    next[i] = WILDCARD;
                }
            }
            if (next != null) {
                template = next;
            }
        }
    }
}
