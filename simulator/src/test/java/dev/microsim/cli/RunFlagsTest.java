package dev.microsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The combination check of {@code run}'s flags, on its own: nothing is parsed by picocli, nothing starts. */
class RunFlagsTest {
    static final String LISTEN = "0.0.0.0:4318";

    static RunFlags flags(String mode, String load, Map<String, String> given) {
        return new RunFlags(mode, load, given, given.get("--otlp"), given.containsKey("--prometheus") ? Integer.valueOf(given.get("--prometheus")) : null,
                given.containsKey("--queue") ? Integer.parseInt(given.get("--queue")) : 262144, given.getOrDefault("--listen", LISTEN));
    }

    @Test
    void eachModeWithItsOwnFlagsHasNoProblem() {
        assertThat(flags("live", "builtin", Map.of("--otlp", "http://127.0.0.1:4318", "--prometheus", "0")).problems()).isEmpty();
        assertThat(flags("local", "gatling", Map.of()).problems()).as("local, live's old name").isEmpty();
        assertThat(flags("local", "gatling", Map.of()).mode()).isEqualTo("live");
        assertThat(flags("fast", "gatling", Map.of("--no-traces", "")).problems()).isEmpty();
        assertThat(flags("pods", "gatling", Map.of("--warm-up", "0s", "--ready-timeout", "2m")).problems()).isEmpty();
        assertThat(flags("kubernetes", "gatling", Map.of("--recorder", "http://192.0.2.10:4318", "--namespace", "demo", "--listen", "0.0.0.0:14318",
                "--ready-timeout", "10m")).problems()).isEmpty();
    }

    @Test
    void everyMisplacedFlagIsNamedWithItsValueAllAtOnce() {
        List<String> problems = flags("fast", "gatling", Map.of("--namespace", "demo", "--ready-timeout", "30s", "--warm-up", "10s",
                "--otlp", "http://127.0.0.1:4318", "--queue", "0")).problems();
        assertThat(problems).containsExactlyInAnyOrder(
                "--namespace demo shapes a Kubernetes run only (--mode kubernetes), not --mode fast",
                "--ready-timeout 30s is for --mode pods or kubernetes, not --mode fast",
                "--warm-up 10s is for --mode pods, not --mode fast (a cluster's pods warm up with the load Job's first seconds)",
                "--mode fast: --otlp http://127.0.0.1:4318 exports live signals, and a fast run has no live time to export in",
                "--queue: must be >= 1, got 0");
    }

    @Test
    void podsRefuseLocalModesExportersAndTheBuiltinLoad() {
        assertThat(flags("pods", "builtin", Map.of("--otlp", "http://127.0.0.1:4318", "--prometheus", "9464", "--context", "kind")).problems())
                .containsExactlyInAnyOrder(
                        "--context kind shapes a Kubernetes run only (--mode kubernetes), not --mode pods",
                        "--mode pods: --otlp http://127.0.0.1:4318 is local mode's; the pods export over OTLP to the recorder",
                        "--mode pods: --prometheus 9464 is local mode's; the pods export over OTLP to the recorder",
                        "--mode pods: the load program (microsim drive) runs Gatling; --load builtin is local mode's");
    }

    @Test
    void kubernetesNeedsARecorderAndAListenAddressItCanBindTo() {
        assertThat(flags("kubernetes", "gatling", Map.of("--listen", "0.0.0.0:99999", "--warm-up", "5s")).problems()).containsExactlyInAnyOrder(
                "--mode kubernetes needs --recorder URL: where the cluster's collector reaches this machine's receiver (--listen 0.0.0.0:99999), "
                        + "e.g. http://192.0.2.10:4318",
                "--listen: the port must be 0..65535, got \"99999\"",
                "--warm-up 5s is for --mode pods, not --mode kubernetes (a cluster's pods warm up with the load Job's first seconds)");
        assertThat(flags("kubernetes", "gatling", Map.of("--recorder", "http://192.0.2.10:4318", "--listen", "4318")).problems())
                .containsExactly("--listen: expected HOST:PORT, got \"4318\"");
    }

    @Test
    void aBadModeAndABadLoadAreBothNamedAndNothingThatDependsOnTheMode() {
        assertThat(flags("warp", "jmeter", Map.of("--namespace", "demo", "--queue", "0")).problems()).containsExactly(
                "--load: expected gatling or builtin, got \"jmeter\"",
                "--mode: expected live, fast, pods or kubernetes, got \"warp\"");
        // A bad --load is said once, not again as "local mode's" in a pods run.
        assertThat(flags("pods", "jmeter", Map.of()).problems()).containsExactly("--load: expected gatling or builtin, got \"jmeter\"");
    }

    @Test
    void aPrometheusPortOutOfRangeIsNamed() {
        assertThat(flags("live", "gatling", Map.of("--prometheus", "70000")).problems()).containsExactly("--prometheus: expected a port 0..65535, got 70000");
    }

    @Test
    void listenSplitsHostAndPortOrNamesTheValue() {
        List<String> problems = new ArrayList<>();
        assertThat(RunFlags.listen("[::1]:4318", problems)).isEqualTo(new RunFlags.HostPort("[::1]", 4318));
        assertThat(RunFlags.listen(":4318", problems)).isNull();
        assertThat(RunFlags.listen("host:port", problems)).isNull();
        assertThat(problems).containsExactly("--listen: expected HOST:PORT, got \":4318\"", "--listen: the port must be 0..65535, got \"port\"");
        assertThat(flags("kubernetes", "gatling", Map.of("--recorder", "http://192.0.2.10:4318", "--listen", "[::1]:4318")).receiver())
                .isEqualTo(new RunFlags.HostPort("[::1]", 4318));
        assertThatThrownBy(() -> flags("kubernetes", "gatling", Map.of("--listen", "4318")).receiver()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("--listen: expected HOST:PORT, got \"4318\"");
    }
}
