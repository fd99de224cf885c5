package dev.microsim.cluster;

import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.scenario.Service;
import dev.microsim.runtime.CalleeLookup;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one pod runs ({@code microsim serve}): one replica of {@code service} from the scenario,
 * named {@code instance} in telemetry, serving the service's endpoints on {@code port} and health
 * and fault control on {@code controlPort} (0: ephemeral ports on loopback, for a cluster-shaped
 * run on one machine); callees at {@code callees}, any other by its Kubernetes Service name; the
 * control endpoint's bearer {@code token}.
 */
public record PodSettings(Scenario scenario, String service, String instance, int port, int controlPort,
                          Map<String, CalleeLookup.Address> callees, String token) {
    public PodSettings {
        if (scenario.service(service).isEmpty()) {
            throw new IllegalArgumentException("--service: no service \"" + service + "\" in scenario " + scenario.name()
                    + " (services: " + String.join(", ", scenario.services().keySet()) + ")");
        }
        if (instance == null || instance.isBlank()) instance = service + "-0";
        callees = Map.copyOf(callees);
    }

    /** The scenario as this pod sees it: its service with one replica (the pod is one replica; the Deployment makes the others). */
    public Scenario podScenario() {
        Map<String, Service> services = new LinkedHashMap<>(scenario.services());
        Service s = services.get(service);
        services.put(service, new Service(s.name(), 1, s.resources(), s.endpoints()));
        return new Scenario(scenario.version(), scenario.name(), scenario.description(), scenario.seed(), scenario.duration(),
                scenario.interval(), services, scenario.load(), scenario.faults());
    }
}
