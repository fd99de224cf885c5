package dev.microsim.detector.context;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * All semi-contexts of one side (left or right), found by the hash of their facts and by each fact
 * they hold, and the ones the last crossing touched, in the order they were created.
 */
final class SemiContextIndex {

    private final Map<Long, Integer> idByHash = new HashMap<>();
    private final List<SemiContext> all = new ArrayList<>();
    private final Map<Long, List<SemiContext>> byFact = new HashMap<>();
    private List<SemiContext> crossed = List.of();

    /** The semi-context of these facts, created if new. Identity is by hash, as in the reference. */
    SemiContext idOf(Facts facts) {
        Integer id = idByHash.get(facts.hash());
        if (id != null) {
            return all.get(id);
        }
        SemiContext created = new SemiContext(all.size(), facts);
        idByHash.put(facts.hash(), created.id);
        all.add(created);
        for (long fact : facts.values()) {
            byFact.computeIfAbsent(fact, f -> new ArrayList<>()).add(created);
        }
        return created;
    }

    SemiContext get(int id) {
        return all.get(id);
    }

    /** Marks in every semi-context which of these facts it holds; keeps those holding any. */
    void cross(long[] facts) {
        crossed.forEach(SemiContext::clearCrossing);
        BitSet touched = new BitSet(all.size());
        for (long fact : facts) {
            for (SemiContext s : byFact.getOrDefault(fact, List.of())) {
                touched.set(s.id);
                s.cross(fact);
            }
        }
        List<SemiContext> inOrder = new ArrayList<>(touched.cardinality());
        touched.stream().forEach(id -> inOrder.add(all.get(id)));
        crossed = inOrder;
    }

    List<SemiContext> crossed() {
        return crossed;
    }

    int size() {
        return all.size();
    }
}
