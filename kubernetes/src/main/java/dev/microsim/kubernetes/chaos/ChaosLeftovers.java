package dev.microsim.kubernetes.chaos;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * {@code microsim recover --namespace NS}: deletes the chaos resources a dead run left in a mesh's
 * namespace, by label ({@code app.kubernetes.io/managed-by=microsim}, and the scenario's label if
 * given). Chaos Mesh would also end each at its own {@code duration}; this ends them now.
 */
public final class ChaosLeftovers {
    private ChaosLeftovers() {}

    /** The "Kind/name" of each resource deleted. */
    public static List<String> deleteAll(KubernetesClient client, String namespace, String scenarioName) {
        var chaos = new ChaosResources(client, namespace, scenarioName == null ? "any" : scenarioName, s -> List.of(), Clock.systemUTC(), Duration.ZERO);
        return ChaosResources.list(client, namespace, scenarioName, Clock.systemUTC()).stream().map(c -> {
            chaos.delete(c);
            return c.kind().kind() + "/" + c.name();
        }).toList();
    }
}
