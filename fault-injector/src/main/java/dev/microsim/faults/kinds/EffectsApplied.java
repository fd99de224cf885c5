package dev.microsim.faults.kinds;

import dev.microsim.faults.mesh.EffectHandle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The common case: a few effects installed together, removed together (last installed first). */
final class EffectsApplied implements Applied {
    private final List<EffectHandle> handles;
    private final Instant appliedAt;
    private Instant recoveredAt;

    EffectsApplied(List<EffectHandle> handles) {
        if (handles.isEmpty()) throw new IllegalArgumentException("a fault must install at least one effect");
        this.handles = List.copyOf(handles);
        this.appliedAt = handles.stream().map(EffectHandle::appliedAt).max(Instant::compareTo).orElseThrow();
    }

    @Override
    public Instant appliedAt() {
        return appliedAt;
    }

    @Override
    public synchronized Instant recover() {
        if (recoveredAt != null) return recoveredAt;
        List<EffectHandle> reversed = new ArrayList<>(handles);
        java.util.Collections.reverse(reversed);
        Instant last = appliedAt;
        RuntimeException failure = null;
        for (EffectHandle h : reversed) {
            try {
                Instant at = h.remove();
                if (at.isAfter(last)) last = at;
            } catch (RuntimeException e) { // keep removing the others; report the first failure after
                if (failure == null) failure = e;
                else failure.addSuppressed(e);
            }
        }
        if (failure != null) throw failure;
        recoveredAt = last;
        return last;
    }
}
