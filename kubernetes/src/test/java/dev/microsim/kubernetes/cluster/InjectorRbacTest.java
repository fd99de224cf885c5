package dev.microsim.kubernetes.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.faults.schedule.FaultInjector;
import dev.microsim.kubernetes.MeshFixture;
import dev.microsim.kubernetes.chaos.ChaosResources;
import dev.microsim.kubernetes.control.ControlToken;
import dev.microsim.kubernetes.render.MeshRenderer;
import dev.microsim.kubernetes.render.StaticManifests;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The injector's Role (manifests/rbac/injector-role.yaml) allows what the injector does and no
 * more: every API request it makes in a run with every Chaos Mesh kind, a replica-level fault and
 * the token read, plus {@code microsim recover}'s cleanup, is recorded at the mock server; each
 * must be allowed by a rule, and each rule's every resource and verb must have been used.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class InjectorRbacTest {
    KubernetesMockServer server;
    KubernetesClient client;

    record Access(String group, String resource, String name, String verb) {
        String key() {
            return (group.isEmpty() ? "core" : group) + "/" + resource + " " + verb;
        }
    }

    private static final Pattern CORE = Pattern.compile("/api/v1/namespaces/[^/]+/([^/?]+)(?:/([^/?]+))?(?:\\?.*)?");
    private static final Pattern GROUP = Pattern.compile("/apis/([^/]+)/[^/]+/namespaces/[^/]+/([^/?]+)(?:/([^/?]+))?(?:\\?.*)?");

    static Access access(String method, String path) {
        Matcher m = CORE.matcher(path);
        String group, resource, name;
        if (m.matches()) {
            group = "";
            resource = m.group(1);
            name = m.group(2);
        } else {
            Matcher g = GROUP.matcher(path);
            assertThat(g.matches()).as("a namespaced request: " + method + " " + path).isTrue();
            group = g.group(1);
            resource = g.group(2);
            name = g.group(3);
        }
        String verb = switch (method) {
            case "GET" -> name == null ? (path.contains("watch=true") ? "watch" : "list") : "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name == null ? "deletecollection" : "delete";
            default -> throw new AssertionError(method);
        };
        return new Access(group, resource, name, verb);
    }

    static boolean allows(PolicyRule rule, Access a) {
        return rule.getApiGroups().contains(a.group()) && rule.getResources().contains(a.resource()) && rule.getVerbs().contains(a.verb())
                && (rule.getResourceNames() == null || rule.getResourceNames().isEmpty() || rule.getResourceNames().contains(a.name()));
    }

    @Test
    void theRoleAllowsEveryRequestTheInjectorMakesAndEveryRuleIsUsed() throws Exception {
        MeshFixture mesh = new MeshFixture(client, null);
        client.secrets().inNamespace(MeshFixture.NS).resource(new SecretBuilder().withNewMetadata().withName(MeshRenderer.CONTROL_SECRET).endMetadata()
                .withData(Map.of("token", Base64.getEncoder().encodeToString("0123456789abcdef0123".getBytes()))).build()).create();
        int setup = server.getRequestCount();
        for (int i = 0; i < setup; i++) server.takeRequest(1, TimeUnit.SECONDS);

        // What a run's injector does: read the token, inject and recover one fault of every Chaos Mesh kind
        // (a replica-level one among them), and what `microsim recover` does: list and delete leftovers.
        String token = ControlToken.read(client, MeshFixture.NS);
        var scenario = MeshFixture.scenario("faults:\n"
                + "  - {id: a, kind: crash, target: {service: mid, replicas: [1]}, at: 1s, duration: 2s}\n"
                + "  - {id: b, kind: latency, target: {service: db, caller: mid}, at: 1s, duration: 2s, delay: 10ms}\n"
                + "  - {id: c, kind: cpu-hog, target: db, at: 1s, duration: 2s}\n"
                + "  - {id: d, kind: http-error, target: db, at: 1s, duration: 2s}\n"
                + "  - {id: e, kind: clock-skew, target: db, at: 1s, duration: 2s, offset: 1m}\n"
                + "  - {id: f, kind: slow-disk, target: db, at: 1s, duration: 2s}\n"
                + "  - {id: g, kind: memory-pressure, target: db, at: 5s, duration: 20s, size: 8Mi}\n");
        try (FaultInjector faults = mesh.injector(scenario, 0, token)) {
            mesh.advanceTo(faults, Duration.ofSeconds(1));
            mesh.advanceTo(faults, Duration.ofSeconds(3));
            mesh.advanceTo(faults, Duration.ofSeconds(5));
            // the run dies here with g applied; microsim recover cleans up by label
            var chaos = new ChaosResources(client, MeshFixture.NS, scenario.name(), s -> List.of(), Clock.systemUTC(), Duration.ZERO);
            for (var leftover : ChaosResources.list(client, MeshFixture.NS, scenario.name(), Clock.systemUTC())) chaos.delete(leftover);
        }

        TreeSet<String> used = new TreeSet<>();
        List<PolicyRule> rules = StaticManifests.injectorRole().getRules();
        int n = server.getRequestCount() - setup;
        assertThat(n).isGreaterThan(20);
        for (int i = 0; i < n; i++) {
            var r = server.takeRequest(1, TimeUnit.SECONDS);
            Access a = access(r.getMethod(), r.getPath());
            Optional<PolicyRule> rule = rules.stream().filter(p -> allows(p, a)).findFirst();
            assertThat(rule).as("allowed by the Role: " + r.getMethod() + " " + r.getPath() + " (" + a.key() + ")").isPresent();
            used.add(a.key());
        }
        TreeSet<String> granted = new TreeSet<>();
        for (PolicyRule p : rules) {
            for (String g : p.getApiGroups()) for (String res : p.getResources()) for (String v : p.getVerbs()) {
                granted.add((g.isEmpty() ? "core" : g) + "/" + res + " " + v);
            }
        }
        assertThat(granted).as("every verb on every resource the Role grants is used").isEqualTo(used);
    }
}
