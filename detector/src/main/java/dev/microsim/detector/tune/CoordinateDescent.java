package dev.microsim.detector.tune;

import dev.microsim.detector.detect.ParamSpec;
import dev.microsim.detector.detect.Params;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A refinement after the Q-learning tuner: one parameter at a time, every value of a grid around
 * the current one (a real parameter times 1.25^k, a whole one plus k, k in [-reach, reach], inside
 * its range), keeping the best; sweeps until a sweep changes nothing. Greedy and deterministic: it
 * finds the best point along each axis that the tuner's single steps (x1.25, +1) can miss when F
 * only improves after several steps the same way.
 */
public final class CoordinateDescent {

    /** Where a refinement ended: its parameters, their F, and how many evaluations it took. */
    public record Result(Params best, double bestF, int evaluations) {
    }

    private final List<ParamSpec> specs;
    private final int reach;
    private final int maxSweeps;

    public CoordinateDescent(List<ParamSpec> specs, int reach, int maxSweeps) {
        if (reach < 1 || maxSweeps < 1) {
            throw new IllegalArgumentException("reach = " + reach + " and maxSweeps = " + maxSweeps + " must both be >= 1");
        }
        this.specs = List.copyOf(specs);
        this.reach = reach;
        this.maxSweeps = maxSweeps;
    }

    public Result refine(Params start, ToDoubleFunction<Params> f) {
        Params best = start;
        double bestF = f.applyAsDouble(start);
        int evaluations = 1;
        for (int sweep = 0; sweep < maxSweeps; sweep++) {
            boolean moved = false;
            for (ParamSpec spec : specs) {
                double at = best.get(spec.name());
                for (int k = -reach; k <= reach; k++) {
                    double value = spec.integer() ? at + k : at * Math.pow(1.25, k);
                    if (k == 0 || spec.problem(value) != null) {
                        continue;
                    }
                    Params candidate = best.with(spec.name(), value);
                    double candidateF = f.applyAsDouble(candidate);
                    evaluations++;
                    if (candidateF > bestF + 1e-12) {
                        best = candidate;
                        bestF = candidateF;
                        moved = true;
                    }
                }
            }
            if (!moved) {
                break;
            }
        }
        return new Result(best, bestF, evaluations);
    }
}
