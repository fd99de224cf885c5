package dev.microsim.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microsim.cli.Scenarios;
import dev.microsim.cluster.LoopbackCluster;
import dev.microsim.cluster.PodProgram;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.run.ClusterRun;
import dev.microsim.run.RunListener;
import dev.microsim.run.RunResult;
import dev.microsim.run.RunSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --mode pods} with its pods (and its load) as the packaged Quarkus application,
 * {@code java -jar target/quarkus-app/quarkus-run.jar serve ...}, what the launcher's build gives a
 * user and the image runs: an integration test (failsafe, after {@code package} built the jar). The
 * run records a complete dataset with the fault applied through the Quarkus pods' control routes.
 */
class QuarkusPodsRunIT {
    static final String SCENARIO = """
            version: 1
            name: quarkus-pods
            seed: 5
            duration: 8s
            interval: 1s
            services:
              front:
                replicas: 2
                endpoints:
                  GET /x:
                    steps:
                      - compute: 1ms
                      - call: {to: db GET /q, timeout: 20s}
              db:
                endpoints:
                  GET /q:
                    steps:
                      - io: 2ms
            load:
              - {profile: constant, rate: 10/s, target: front GET /x}
            faults:
              - id: db-errors
                kind: http-error
                target: db
                at: 3s
                duration: 3s
                status: 503
            """;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void thePodsAreTheQuarkusApplicationAndRecordACompleteDatasetWithTheFault() throws Exception {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        assertThat(jar).as("built by package before the integration tests").isRegularFile();
        Scenario scenario = Scenarios.parser().parse(SCENARIO, "quarkus-pods.yaml").orThrow();
        Set<String> podCommands = ConcurrentHashMap.newKeySet();
        RunListener listener = new RunListener() {
            @Override
            public void message(String line) {
                System.out.println(line);
                // Once every pod is up, what runs under this JVM is what the run started.
                if (line.endsWith("3/3 pods ready")) {
                    ProcessHandle.current().descendants().forEach(p -> p.info().commandLine().ifPresent(podCommands::add));
                }
            }
        };
        long before = ProcessHandle.current().descendants().count();
        RunResult r = RunSession.builder(scenario, dir.resolve("ds"), new ClusterRun(
                new LoopbackCluster(List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), PodProgram.quarkus(jar),
                        new LoopbackCluster.WarmUp(Duration.ofSeconds(1), Duration.ofSeconds(4))),
                ClusterRun.Options.loopback(Duration.ofMinutes(2)))).handleSignals(false).listener(listener).build().run();
        assertThat(r.status()).as(r.reason().orElse("")).isEqualTo(RunResult.Status.COMPLETE);
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count()).as("pods and load stopped").isEqualTo(before);

        assertThat(podCommands).as("the three pods, each `java ... -jar quarkus-run.jar serve`").filteredOn(c -> c.contains(" serve "))
                .hasSize(3).allSatisfy(c -> assertThat(c).contains("-jar " + jar).doesNotContain(" -cp "));
        Path ds = dir.resolve("ds");
        JsonNode manifest = JSON.readTree(ds.resolve("manifest.json").toFile());
        assertThat(manifest.path("complete").asBoolean()).isTrue();
        assertThat(manifest.path("mode").asText()).isEqualTo("pods");
        assertThat(Files.readString(ds.resolve("labels.json"))).contains("db-errors").contains("control-endpoint");
        List<String> spans = Files.readAllLines(ds.resolve("traces.jsonl"));
        assertThat(spans).anySatisfy(s -> assertThat(s).contains("\"instance\":\"front-0\""))
                .anySatisfy(s -> assertThat(s).contains("\"instance\":\"front-1\"")).anySatisfy(s -> assertThat(s).contains("\"instance\":\"db-0\""));
        // The fault's 503s, set through the Quarkus pod's control routes, are in db's error counts.
        List<String> dbErrors = Files.readAllLines(ds.resolve("metrics.csv")).stream().filter(l -> l.contains(",db,GET /q,errors,")).toList();
        assertThat(dbErrors.stream().mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(',') + 1))).sum()).isPositive();
        assertThat(Files.readAllLines(ds.resolve("load.csv"))).anySatisfy(l -> assertThat(l).contains("front GET /x"));
    }
}
