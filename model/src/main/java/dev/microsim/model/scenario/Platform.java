package dev.microsim.model.scenario;

import dev.microsim.model.dist.Distribution;
import dev.microsim.model.units.Durations;
import java.time.Duration;

/**
 * What the platform under the services adds to their own costs, as fast mode models it (a live mesh
 * pays these for real): each way of a call outside both spans ({@code hop}), the wall time a compute
 * step spends beyond its CPU ({@code computeHandoff}, plus {@code computeStretch} times its CPU), and
 * how waits are served ({@code timerResolution}: 0 exact, else rounded as Vert.x timers round them;
 * {@code timerLag}: how late they fire); the server's own time per request before its script
 * ({@code serverOverhead}); and what waking an idle core costs ({@code wake}: paid by a hop whose
 * sending event loop had received nothing for {@code wakeAfter}). Costs are
 * distributions, written as step costs are. A null field is not set: fast mode's default for it
 * applies. See docs/fast-mode.md.
 */
public record Platform(Distribution hop, Distribution computeHandoff, Duration timerResolution, Distribution timerLag,
                       Distribution serverOverhead, Double computeStretch, Distribution wake, Duration wakeAfter) {
    /** No field set: every cost is fast mode's default. */
    public static final Platform DEFAULT = new Platform(null, null, null, null);

    public Platform {
        if (timerResolution != null && timerResolution.isNegative()) {
            throw new IllegalArgumentException("platform.timerResolution must be >= 0, got " + Durations.shown(timerResolution));
        }
        if (computeStretch != null && !(computeStretch >= 0 && computeStretch <= 100)) {
            throw new IllegalArgumentException("platform.computeStretch must be between 0 and 100, got " + computeStretch);
        }
        if (wakeAfter != null && wakeAfter.isNegative()) {
            throw new IllegalArgumentException("platform.wakeAfter must be >= 0, got " + Durations.shown(wakeAfter));
        }
    }

    /** The four fields every version had; the later ones not set. */
    public Platform(Distribution hop, Distribution computeHandoff, Duration timerResolution, Distribution timerLag) {
        this(hop, computeHandoff, timerResolution, timerLag, null, null, null, null);
    }

    public boolean isDefault() {
        return hop == null && computeHandoff == null && timerResolution == null && timerLag == null && serverOverhead == null
                && computeStretch == null && wake == null && wakeAfter == null;
    }
}
