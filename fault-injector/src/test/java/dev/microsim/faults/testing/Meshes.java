package dev.microsim.faults.testing;

import dev.microsim.model.dist.Distribution;
import dev.microsim.model.scenario.Endpoint;
import dev.microsim.model.scenario.EndpointId;
import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.FaultSpec;
import dev.microsim.model.scenario.Resources;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.scenario.Service;
import dev.microsim.model.scenario.Step;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small scenarios for tests: front -> mid -> db (and front -> cache), plus an idle side service. */
public final class Meshes {
    private Meshes() {}

    public static final EndpointId GET = EndpointId.parse("GET /x");

    public static Scenario chain(List<FaultSpec> faults) {
        Map<String, Service> s = new LinkedHashMap<>();
        s.put("front", service("front", 1, List.of(Step.Call.to(new EndpointRef("mid", GET)))));
        s.put("mid", service("mid", 2, List.of(new Step.Compute(new Distribution.Constant(Duration.ofMillis(1))),
                Step.Call.to(new EndpointRef("db", GET)))));
        s.put("db", service("db", 1, List.of(new Step.Io(new Distribution.Constant(Duration.ofMillis(2))))));
        s.put("side", service("side", 1, List.of()));
        return new Scenario(1, "chain", "", 7, Duration.ofSeconds(60), Duration.ofSeconds(1), s, List.of(), faults);
    }

    static Service service(String name, int replicas, List<Step> steps) {
        return new Service(name, replicas, new Resources(null, null, 8, 16), Map.of(GET, new Endpoint(GET, steps)));
    }
}
