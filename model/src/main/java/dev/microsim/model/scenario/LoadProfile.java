package dev.microsim.model.scenario;

import dev.microsim.model.units.Durations;
import dev.microsim.model.dist.Distribution;
import dev.microsim.model.units.Rate;
import java.time.Duration;
import java.util.List;

/**
 * The shape of offered load over a load entry's lifetime. Open profiles plan an arrival rate
 * over time ({@link Open#rateAt}); the closed profile keeps N users looping with think time.
 */
public sealed interface LoadProfile {

    /** Open model: arrivals do not wait for responses. */
    sealed interface Open extends LoadProfile {
        /** Planned arrivals per second at {@code t} after the entry starts (noise excluded). */
        double rateAt(Duration t);
    }

    record Constant(Rate rate) implements Open {
        public Constant {
            require(rate, "rate");
        }

        public double rateAt(Duration t) {
            return rate.perSecond();
        }
    }

    /** Poisson arrivals (exponential inter-arrival times) at a mean rate, seeded. */
    record Poisson(Rate rate) implements Open {
        public Poisson {
            require(rate, "rate");
        }

        public double rateAt(Duration t) {
            return rate.perSecond();
        }
    }

    /** Linear from {@code from} to {@code to} over {@code over}, then holds {@code to}. */
    record Ramp(Rate from, Rate to, Duration over) implements Open {
        public Ramp {
            require(from, "from");
            require(to, "to");
            if (over == null || over.isNegative() || over.isZero()) {
                throw new IllegalArgumentException("over must be > 0, got " + Durations.shown(over));
            }
        }

        public double rateAt(Duration t) {
            double f = Math.min(1.0, (double) t.toNanos() / over.toNanos());
            return from.perSecond() + (to.perSecond() - from.perSecond()) * f;
        }
    }

    /** A staircase: each stage holds its rate for its duration; the last one holds after that. */
    record Steps(List<Stage> stages) implements Open {
        public record Stage(Rate rate, Duration duration) {
            public Stage {
                require(rate, "rate");
                if (duration == null || duration.isNegative() || duration.isZero()) {
                    throw new IllegalArgumentException("duration must be > 0, got " + Durations.shown(duration));
                }
            }
        }

        public Steps {
            if (stages == null || stages.isEmpty()) throw new IllegalArgumentException("steps needs at least one stage");
            stages = List.copyOf(stages);
        }

        public double rateAt(Duration t) {
            Duration end = Duration.ZERO;
            for (Stage s : stages) {
                end = end.plus(s.duration());
                if (t.compareTo(end) < 0) return s.rate().perSecond();
            }
            return stages.get(stages.size() - 1).rate().perSecond();
        }
    }

    /**
     * A day-like sine: base + amplitude * sin(2 pi t / period), times (1 + noise * N(0,1)) per
     * second when generated. {@code noise} is a relative standard deviation in [0, 1].
     */
    record Diurnal(Rate base, Rate amplitude, Duration period, double noise) implements Open {
        public Diurnal {
            require(base, "base");
            require(amplitude, "amplitude");
            if (amplitude.perSecond() > base.perSecond()) {
                throw new IllegalArgumentException("amplitude (" + amplitude + ") must be <= base (" + base + ") so the rate never goes negative");
            }
            if (period == null || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("period must be > 0, got " + Durations.shown(period));
            }
            if (!(noise >= 0 && noise <= 1)) throw new IllegalArgumentException("noise must be in [0, 1], got " + noise);
        }

        public double rateAt(Duration t) {
            return base.perSecond() + amplitude.perSecond() * Math.sin(2 * Math.PI * t.toNanos() / period.toNanos());
        }
    }

    /** {@code base} load with a burst of {@code peak} from {@code at} for {@code length}. */
    record Spike(Rate base, Rate peak, Duration at, Duration length) implements Open {
        public Spike {
            require(base, "base");
            require(peak, "peak");
            if (at == null || at.isNegative()) throw new IllegalArgumentException("at must be >= 0, got " + Durations.shown(at));
            if (length == null || length.isNegative() || length.isZero()) {
                throw new IllegalArgumentException("length must be > 0, got " + Durations.shown(length));
            }
        }

        public double rateAt(Duration t) {
            boolean inSpike = t.compareTo(at) >= 0 && t.compareTo(at.plus(length)) < 0;
            return (inSpike ? peak : base).perSecond();
        }
    }

    /** Closed model: {@code users} loop forever (request, wait for the answer, think). */
    record Closed(int users, Distribution think) implements LoadProfile {
        public Closed {
            if (users < 1) throw new IllegalArgumentException("users must be >= 1, got " + users);
            if (think == null) throw new IllegalArgumentException("think is required");
        }
    }

    private static void require(Rate r, String name) {
        if (r == null) throw new IllegalArgumentException(name + " is required");
    }
}
