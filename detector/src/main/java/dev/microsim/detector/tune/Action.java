package dev.microsim.detector.tune;

import dev.microsim.detector.detect.ParamSpec;
import dev.microsim.detector.detect.Params;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One parameter adjustment: multiply a real parameter by {@code factor}, or add {@code step} to a whole one. */
public record Action(String parameter, double factor, double step) {

    public Action {
        Objects.requireNonNull(parameter, "parameter");
    }

    /** Up and down for every parameter named: x1.25 / x0.8 for reals, +1 / -1 for whole numbers. */
    public static List<Action> upAndDown(Params params, List<String> names) {
        List<Action> actions = new ArrayList<>();
        for (String name : names) {
            ParamSpec spec = params.specs().stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(params.detector() + ": no parameter \"" + name + "\" to tune"));
            if (spec.integer()) {
                actions.add(new Action(name, 1, 1));
                actions.add(new Action(name, 1, -1));
            } else {
                actions.add(new Action(name, 1.25, 0));
                actions.add(new Action(name, 0.8, 0));
            }
        }
        return actions;
    }

    Params apply(Params params) {
        ParamSpec spec = params.specs().stream().filter(s -> s.name().equals(parameter)).findFirst().orElseThrow();
        double moved = spec.clamp(params.get(parameter) * factor + step);
        return params.with(parameter, moved);
    }

    @Override
    public String toString() {
        return step != 0 ? parameter + (step > 0 ? "+" : "") + ParamSpec.format(step) : parameter + "x" + ParamSpec.format(factor);
    }
}
