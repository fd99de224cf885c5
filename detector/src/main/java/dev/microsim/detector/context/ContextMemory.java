package dev.microsim.detector.context;

import java.util.ArrayList;
import java.util.List;

/**
 * The context memory of the Contextual Anomaly Detector (the reference's "context operator"):
 * contexts are pairs of a left semi-context (the facts of a step) and a right one (the facts of the
 * next value); semi-contexts are shared, so many contexts cost little. Each step crosses the right
 * side with the new value's facts, which tells which contexts predicted it ({@link #crossRight}),
 * then the left side with the step's facts, after learning the new contexts that step suggested
 * ({@link #crossLeft}).
 */
final class ContextMemory {

    /** What crossing the right side found: the contexts that came true, how many were in play, and new ones to learn. */
    record Crossing(List<Context> active, int selected, List<FactPair> suggested) {
    }

    /** A candidate context: left facts followed by right facts. */
    record FactPair(Facts left, Facts right) {
    }

    private final int maxLeftFacts;
    private final SemiContextIndex left = new SemiContextIndex();
    private final SemiContextIndex right = new SemiContextIndex();
    private final List<Context> contexts = new ArrayList<>();
    /**
     * The zero-level context created this step, which must not predict itself. The reference resets
     * it to Python's {@code False}, which compares equal to context 0: so context 0 is left out of
     * every step but the ones that create a context. Kept, so the scores match the reference.
     */
    private int excluded;

    ContextMemory(int maxLeftFacts) {
        this.maxLeftFacts = maxLeftFacts;
    }

    /** Learns the whole step as a zero-level context; true when it was new. */
    boolean learnStep(FactPair step) {
        SemiContext l = left.idOf(step.left());
        SemiContext r = right.idOf(step.right());
        Integer existing = l.contextByRight.get(r.id);
        if (existing != null) {
            contexts.get(existing).zeroLevel = true;
            return false;
        }
        Context created = add(l, r, true);
        excluded = created.id;
        return true;
    }

    /** Learns the suggested contexts; returns how many were new. */
    int learn(List<FactPair> suggested) {
        int added = 0;
        for (FactPair pair : suggested) {
            SemiContext l = left.idOf(pair.left());
            SemiContext r = right.idOf(pair.right());
            if (!l.contextByRight.containsKey(r.id)) {
                add(l, r, false);
                added++;
            }
        }
        return added;
    }

    private Context add(SemiContext l, SemiContext r, boolean zeroLevel) {
        Context c = new Context(contexts.size(), zeroLevel, l.facts.hash(), r.facts.hash());
        contexts.add(c);
        l.contextByRight.put(r.id, c.id);
        return c;
    }

    /**
     * Crosses the right side with the new value's facts and, against the left crossing of the last
     * step, counts the contexts whose left side was wholly present ("selected") and, of those, the
     * ones whose right side is wholly present now ("active", their count goes up). Partial matches
     * of zero-level contexts suggest new, smaller contexts when this step was new.
     */
    Crossing crossRight(long[] facts, boolean newStep) {
        right.cross(facts);
        List<Context> active = new ArrayList<>();
        List<FactPair> suggested = new ArrayList<>();
        int selected = 0;
        for (SemiContext l : left.crossed()) {
            if (!newStep && !l.fullyCrossed()) {
                continue; // only a new step learns from partial matches: nothing to count here
            }
            for (var entry : l.contextByRight.entrySet()) {
                Context c = contexts.get(entry.getValue());
                if (c.id == excluded) {
                    continue;
                }
                SemiContext r = right.get(entry.getKey());
                boolean rightTouched = r.crossedCount() > 0;
                if (l.fullyCrossed()) {
                    selected++;
                    if (rightTouched && r.fullyCrossed()) {
                        c.activations++;
                        active.add(c);
                        continue;
                    }
                }
                if (rightTouched && c.zeroLevel && newStep && l.crossedCount() <= maxLeftFacts) {
                    suggested.add(new FactPair(l.crossedFacts(), r.crossedFacts()));
                }
            }
        }
        excluded = 0;
        return new Crossing(active, selected, suggested);
    }

    /** Learns the suggested contexts, then crosses the left side with this step's facts; returns how many were new. */
    int crossLeft(long[] facts, List<FactPair> suggested) {
        int added = suggested.isEmpty() ? 0 : learn(suggested);
        left.cross(facts);
        return added;
    }

    int contexts() {
        return contexts.size();
    }
}
