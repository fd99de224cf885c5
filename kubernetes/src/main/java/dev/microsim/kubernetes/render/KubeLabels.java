package dev.microsim.kubernetes.render;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels on everything MicroSim creates in a cluster. {@code managed-by=microsim} plus the
 * scenario label select a whole mesh (teardown, {@code microsim recover}); the service label
 * selects one simulated service's pods (Deployment, Service, chaos selectors); the fault label
 * selects the chaos resources of one fault.
 */
public final class KubeLabels {
    public static final String NAME = "app.kubernetes.io/name";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String PART_OF = "app.kubernetes.io/part-of";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String SCENARIO = "microsim.dev/scenario";
    public static final String SERVICE = "microsim.dev/service";
    public static final String FAULT = "microsim.dev/fault";
    /** Annotation: the fault id as written (the label value may be folded). */
    public static final String FAULT_ID = "microsim.dev/fault-id";
    public static final String FAULT_KIND = "microsim.dev/fault-kind";
    public static final String MANAGER = "microsim";

    /** Components, the values of {@link #COMPONENT}. */
    public static final String SIMULATED_SERVICE = "simulated-service";
    public static final String COLLECTOR = "otel-collector";
    public static final String LOAD = "load";
    public static final String INJECTOR = "fault-injector";
    public static final String CHAOS = "chaos";
    public static final String CONFIG = "config";

    private KubeLabels() {}

    /** The labels every object of the scenario's mesh carries. */
    public static Map<String, String> common(String scenarioName, String name, String component) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(NAME, name);
        m.put(COMPONENT, component);
        m.put(PART_OF, MANAGER);
        m.put(MANAGED_BY, MANAGER);
        m.put(SCENARIO, KubeNames.label(scenarioName));
        return m;
    }

    /** The selector of everything MicroSim made for a scenario. */
    public static Map<String, String> mesh(String scenarioName) {
        return Ordered.map(MANAGED_BY, MANAGER, SCENARIO, KubeNames.label(scenarioName));
    }

    /** The selector of one simulated service's pods. */
    public static Map<String, String> service(String scenarioName, String service) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(SCENARIO, KubeNames.label(scenarioName));
        m.put(SERVICE, service);
        return m;
    }
}
