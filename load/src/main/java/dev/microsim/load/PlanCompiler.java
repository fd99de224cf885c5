package dev.microsim.load;

import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.LoadProfile;
import dev.microsim.model.scenario.LoadSpec;
import dev.microsim.model.scenario.Workload;
import dev.microsim.model.units.Durations;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Checks a {@link LoadPlan} as a whole and turns each entry into a {@link CompiledSpec}. All
 * problems are reported at once, one line each, naming the field path and the value.
 */
public final class PlanCompiler {
    private PlanCompiler() {}

    /** @throws IllegalArgumentException listing every problem found */
    public static List<CompiledSpec> compile(LoadPlan plan) {
        List<String> problems = new ArrayList<>();
        List<CompiledSpec> out = new ArrayList<>();
        if (plan.specs().isEmpty()) problems.add("load: no load entries to run");
        // Each entry gets its own seed stream so that adding an entry does not change the others' draws.
        SplittableRandom seeds = new SplittableRandom(plan.seed());
        for (int i = 0; i < plan.specs().size(); i++) {
            LoadSpec spec = plan.specs().get(i);
            long seed = seeds.nextLong();
            String path = spec.name() == null || spec.name().isBlank() ? "load[" + i + "]" : "load[\"" + spec.name() + "\"]";
            int before = problems.size();
            if (spec.start().compareTo(plan.duration()) >= 0) {
                problems.add(path + ".start: " + fmt(spec.start()) + " is at or after the end of the run (" + fmt(plan.duration()) + ")");
                continue;
            }
            Duration length = spec.effectiveDuration(plan.duration());
            checkProfile(path + ".profile", spec.profile(), length, problems);
            Map<EndpointRef, String> urls = new LinkedHashMap<>();
            for (EndpointRef target : targets(spec.workload())) {
                if (urls.containsKey(target)) continue;
                String field = path + ".target \"" + target + "\"";
                try {
                    URI uri = plan.resolve().apply(target);
                    urls.put(target, plan.targets().check(field, uri).toString());
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage().startsWith(field) ? e.getMessage() : field + ": " + e.getMessage());
                }
            }
            if (problems.size() > before) continue;
            long budget = spec.maxRequests().orElse(Long.MAX_VALUE);
            Optional<ArrivalSchedule> schedule = spec.profile() instanceof LoadProfile.Open open
                    ? Optional.of(ArrivalSchedule.plan(open, length, budget, seed))
                    : Optional.empty();
            out.add(new CompiledSpec(i, path, spec, length, urls, budget, schedule));
        }
        if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("\n", problems));
        return out;
    }

    /** Every entrypoint the workload may call, in order of first appearance. */
    public static List<EndpointRef> targets(Workload workload) {
        if (workload instanceof Workload.Single s) return List.of(s.target());
        Workload.Journeys j = (Workload.Journeys) workload;
        return j.journeys().stream().flatMap(journey -> journey.visits().stream()).map(Workload.Visit::target).distinct().toList();
    }

    /** Shapes that cannot play out inside the entry's length are mistakes, not silent truncations. */
    private static void checkProfile(String field, LoadProfile profile, Duration length, List<String> problems) {
        if (profile instanceof LoadProfile.Ramp r && r.over().compareTo(length) > 0) {
            problems.add(field + ".over: the ramp from " + r.from() + " to " + r.to() + " lasts " + fmt(r.over())
                    + " but the entry only runs " + fmt(length) + ", so it would end before reaching " + r.to());
        } else if (profile instanceof LoadProfile.Spike s && s.at().compareTo(length) >= 0) {
            problems.add(field + ".at: the spike starts at " + fmt(s.at()) + ", at or after the entry ends (" + fmt(length) + ")");
        } else if (profile instanceof LoadProfile.Steps s) {
            Duration total = s.stages().stream().map(LoadProfile.Steps.Stage::duration).reduce(Duration.ZERO, Duration::plus);
            Duration lastStart = total.minus(s.stages().get(s.stages().size() - 1).duration());
            if (lastStart.compareTo(length) >= 0) {
                problems.add(field + ".stages: the last stage starts at " + fmt(lastStart) + ", at or after the entry ends (" + fmt(length) + ")");
            }
        }
    }

    private static String fmt(Duration d) {
        return Durations.format(d);
    }
}
