package dev.microsim.detector.detect;

import java.util.Objects;

/**
 * What every detector class shares: its {@link DetectorKind} and its validated {@link Params}, so
 * that {@code name()}, {@code params()} and {@code with(Params)} (what a tuner calls) are written
 * once. A subclass adds its description and its stream.
 */
public abstract class DetectorBase<D> {

    private final DetectorKind<D> kind;
    protected final Params params;

    protected DetectorBase(DetectorKind<D> kind, Params params) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.params = Objects.requireNonNull(params, "params");
        if (!params.detector().equals(kind.name())) {
            throw new IllegalArgumentException(kind.name() + ": given the parameters of \"" + params.detector() + "\"");
        }
    }

    public final String name() {
        return kind.name();
    }

    public final Params params() {
        return params;
    }

    /** A detector of the same kind with other parameters. */
    public final D with(Params other) {
        return kind.factory().apply(other);
    }

    public final DetectorKind<D> kind() {
        return kind;
    }
}
