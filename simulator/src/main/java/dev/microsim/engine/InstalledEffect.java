package dev.microsim.engine;

import dev.microsim.faults.effect.Effect;
import dev.microsim.faults.mesh.EffectHandle;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One applied effect (identity matters: the same effect value may be applied twice). Holds what
 * must be undone on removal: background workers, parked (hung) requests.
 */
final class InstalledEffect implements EffectHandle {
    final Effect effect;
    private final Clock clock;
    private final Instant appliedAt;
    private final Runnable onRemove;
    private final List<Runnable> parked = new ArrayList<>();
    private Instant removedAt;

    InstalledEffect(Effect effect, Clock clock, Runnable onRemove) {
        this.effect = effect;
        this.clock = clock;
        this.appliedAt = clock.instant();
        this.onRemove = onRemove;
    }

    @Override
    public Instant appliedAt() {
        return appliedAt;
    }

    @Override
    public Instant remove() {
        List<Runnable> wake;
        synchronized (this) {
            if (removedAt != null) return removedAt;
            removedAt = clock.instant();
            wake = List.copyOf(parked);
            parked.clear();
        }
        onRemove.run();
        wake.forEach(Runnable::run);
        return removedAt;
    }

    synchronized boolean removed() {
        return removedAt != null;
    }

    /** Parks a hung request; returns false (run it now) if the effect is already gone. */
    synchronized boolean park(Runnable resume) {
        if (removedAt != null) return false;
        parked.add(resume);
        return true;
    }

    synchronized void unpark(Runnable resume) {
        parked.remove(resume);
    }
}
