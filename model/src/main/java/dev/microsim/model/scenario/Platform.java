package dev.microsim.model.scenario;

import dev.microsim.model.dist.Distribution;
import dev.microsim.model.units.Durations;
import java.time.Duration;

/**
 * What the platform under the services adds to their own costs, as fast mode models it (a live mesh
 * pays these for real): each way of a call outside both spans ({@code hop}), the wall time a compute
 * step spends beyond its CPU ({@code computeHandoff}), and how waits are served ({@code
 * timerResolution}: 0 exact, else rounded as Vert.x timers round them; {@code timerLag}: how late they
 * fire). Costs are distributions, written as step costs are. A null field is not set: fast mode's
 * default for it applies. See docs/fast-mode.md.
 */
public record Platform(Distribution hop, Distribution computeHandoff, Duration timerResolution, Distribution timerLag) {
    /** No field set: every cost is fast mode's default. */
    public static final Platform DEFAULT = new Platform(null, null, null, null);

    public Platform {
        if (timerResolution != null && timerResolution.isNegative()) {
            throw new IllegalArgumentException("platform.timerResolution must be >= 0, got " + Durations.shown(timerResolution));
        }
    }

    public boolean isDefault() {
        return hop == null && computeHandoff == null && timerResolution == null && timerLag == null;
    }
}
