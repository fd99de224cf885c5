package dev.microsim.model.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microsim.model.ProjectFiles;
import dev.microsim.model.dist.Distribution;
import dev.microsim.model.scenario.Endpoint;
import dev.microsim.model.scenario.EndpointId;
import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.FaultSpec;
import dev.microsim.model.scenario.FaultTarget;
import dev.microsim.model.scenario.LoadProfile;
import dev.microsim.model.scenario.LoadSpec;
import dev.microsim.model.scenario.Platform;
import dev.microsim.model.scenario.Resources;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.scenario.Service;
import dev.microsim.model.scenario.Step;
import dev.microsim.model.scenario.Workload;
import dev.microsim.model.units.ByteSize;
import dev.microsim.model.units.CpuCores;
import dev.microsim.model.units.Rate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** parse(write(s)) == s, for the shipped scenarios and for a scenario using every shape the format has. */
class ScenarioWriterTest {
    private final ScenarioParser parser = new ScenarioParser();

    private Scenario roundTrip(Scenario s) {
        String yaml = ScenarioWriter.write(s);
        ParseResult back = parser.parse(yaml, "written.yaml");
        assertThat(back.errors()).as("written YAML:\n" + yaml).isEmpty();
        return back.orThrow();
    }

    static Stream<Path> scenarios() {
        return ProjectFiles.scenarioFiles().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shippedScenariosSurviveWriteThenParse(Path file) {
        Scenario s = parser.parse(file).orThrow();
        assertThat(roundTrip(s)).isEqualTo(s);
    }

    @Test
    void everyShapeSurvivesWriteThenParse() {
        Scenario s = everything();
        Scenario back = roundTrip(s);
        assertThat(back).isEqualTo(s);
        // The equality above covers these; spelled out because they are the delicate ones.
        assertThat(back.services()).containsKey("no");
        assertThat(back.description()).isEqualTo(s.description());
        assertThat(back.faults().get(0).parameters()).isEqualTo(s.faults().get(0).parameters());
    }

    @Test
    void writesShortFormsAndLeavesDefaultsOut() {
        Map<EndpointId, Endpoint> eps = new LinkedHashMap<>();
        EndpointId home = EndpointId.parse("GET /home");
        eps.put(home, new Endpoint(home, List.of(new Step.Compute(new Distribution.Constant(Duration.ofMillis(2))),
                Step.Call.to(EndpointRef.parse("db GET /q")))));
        EndpointId q = EndpointId.parse("GET /q");
        Scenario s = new Scenario(1, "small", "", 1, Duration.ofMinutes(1), null,
                Map.of("api", new Service("api", 1, null, eps), "db", new Service("db", 1, null, Map.of(q, new Endpoint(q, List.of())))),
                List.of(LoadSpec.of("load-0", new LoadProfile.Constant(Rate.perSecond(50)), EndpointRef.parse("api GET /home"))), List.of());
        String yaml = ScenarioWriter.write(s);
        assertThat(yaml).contains("- compute: 2ms\n", "- call: db GET /q\n", "GET /q: {}\n", "rate: 50/s\n", "target: api GET /home\n")
                .doesNotContain("replicas", "resources", "errorRate", "description", "faults", "platform");
        assertThat(roundTrip(s)).isEqualTo(s);
    }

    @Test
    void quotesTextThatYamlWouldReadAsSomethingElse() {
        assertThat(ScenarioWriter.text("frontend")).isEqualTo("frontend");
        assertThat(ScenarioWriter.text("cart GET /cart")).isEqualTo("cart GET /cart");
        assertThat(ScenarioWriter.text("250ms")).isEqualTo("250ms");
        assertThat(ScenarioWriter.text("no")).isEqualTo("\"no\"");
        assertThat(ScenarioWriter.text("123")).isEqualTo("\"123\"");
        assertThat(ScenarioWriter.text("a: b")).isEqualTo("\"a: b\"");
        assertThat(ScenarioWriter.text("say \"hi\"\n")).isEqualTo("\"say \\\"hi\\\"\\n\"");
    }

    /** A scenario touching every field, every step kind, distribution, profile and parameter type. */
    static Scenario everything() {
        Distribution[] d = {
            new Distribution.Constant(Duration.ofNanos(1500)),
            new Distribution.Uniform(Duration.ofMillis(1), Duration.ofMillis(5)),
            new Distribution.Normal(Duration.ofMillis(5), Duration.ofMillis(1)),
            new Distribution.LogNormal(Duration.ofMillis(3), Duration.ofMillis(20)),
            new Distribution.Exponential(Duration.ofMillis(2)),
        };
        EndpointId home = EndpointId.parse("GET /home");
        EndpointId odd = EndpointId.parse("POST /items/{id}:update");
        Endpoint homeEp = new Endpoint(home, List.of(
                new Step.Compute(d[3]), new Step.Sleep(d[1]), new Step.Io(d[4]),
                Step.Call.to(new EndpointRef("no", odd)),
                new Step.Call(new EndpointRef("no", EndpointId.parse("GET /x")), 0.125, ByteSize.parse("1KiB"), Duration.ofMillis(300), 2),
                new Step.Parallel(List.of(new Step.Compute(d[2]), new Step.Parallel(List.of(new Step.Sleep(d[0])))))),
                0.01, ByteSize.parse("4KiB"), ByteSize.parse("1000"));
        Map<EndpointId, Endpoint> frontEps = new LinkedHashMap<>();
        frontEps.put(home, homeEp);
        Map<EndpointId, Endpoint> noEps = new LinkedHashMap<>();
        noEps.put(odd, new Endpoint(odd, List.of()));
        noEps.put(EndpointId.parse("GET /x"), new Endpoint(EndpointId.parse("GET /x"), List.of(new Step.Io(d[0]))));
        Map<String, Service> services = new LinkedHashMap<>();
        services.put("frontend", new Service("frontend", 3, new Resources(new CpuCores(1500), ByteSize.parse("1Gi"), 10, 0), frontEps));
        services.put("no", new Service("no", 1, new Resources(new CpuCores(250), ByteSize.parse("300Mi"), 64, 128), noEps));

        EndpointRef entry = new EndpointRef("frontend", home);
        Workload journeys = new Workload.Journeys(List.of(
                new Workload.Journey("buy \"now\"", 2.5, List.of(new Workload.Visit(entry, d[1]), new Workload.Visit(entry, new Distribution.Constant(Duration.ZERO)))),
                new Workload.Journey("true", 1, List.of(new Workload.Visit(entry, d[3])))));
        List<LoadSpec> load = List.of(
                new LoadSpec("constant", new LoadProfile.Constant(Rate.perSecond(100)), new Workload.Single(entry), Duration.ZERO, Optional.empty(), Optional.empty()),
                new LoadSpec("poisson", new LoadProfile.Poisson(Rate.parse("1/m")), journeys, Duration.ofSeconds(10), Optional.of(Duration.ofSeconds(30)), Optional.of(5000L)),
                new LoadSpec("ramp", new LoadProfile.Ramp(Rate.perSecond(0.5), Rate.perSecond(200), Duration.ofMinutes(2)), new Workload.Single(entry), Duration.ZERO, Optional.empty(), Optional.empty()),
                new LoadSpec("steps", new LoadProfile.Steps(List.of(new LoadProfile.Steps.Stage(Rate.perSecond(10), Duration.ofMinutes(1)),
                        new LoadProfile.Steps.Stage(Rate.parse("5/h"), Duration.ofSeconds(90)))), new Workload.Single(entry), Duration.ZERO, Optional.empty(), Optional.empty()),
                new LoadSpec("diurnal", new LoadProfile.Diurnal(Rate.perSecond(100), Rate.perSecond(50), Duration.ofMinutes(10), 0.1), new Workload.Single(entry), Duration.ZERO, Optional.empty(), Optional.empty()),
                new LoadSpec("spike", new LoadProfile.Spike(Rate.perSecond(50), Rate.perSecond(500), Duration.ofMinutes(3), Duration.ofSeconds(30)), new Workload.Single(entry), Duration.ZERO, Optional.empty(), Optional.empty()),
                new LoadSpec("closed", new LoadProfile.Closed(20, d[4]), journeys, Duration.ZERO, Optional.empty(), Optional.empty()));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("delay", "200ms");
        params.put("status", 503L);
        params.put("share", 0.5);
        params.put("whole", 2.0);
        params.put("enabled", true);
        params.put("text", "yes");
        params.put("codes", List.of(500L, "x y"));
        params.put("nested", Map.of("a", 1L));
        List<FaultSpec> faults = List.of(
                new FaultSpec("f1", "latency", new FaultTarget("no", Optional.of(odd), Optional.of(List.of(0)), Optional.of("frontend"), 0.25),
                        Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofSeconds(5), params),
                new FaultSpec("f2", "http-error", FaultTarget.service("frontend"), Duration.ZERO, Duration.ofMinutes(1), Duration.ZERO, Map.of()));
        return new Scenario(1, "every: shape", "line one\nline \"two\" # not a comment", -7, Duration.ofMinutes(10), Duration.ofMillis(500),
                services, load, faults, new Platform(d[3], null, Duration.ofMillis(1), new Distribution.Constant(Duration.ZERO),
                        new Distribution.Constant(Duration.ofNanos(15_000)), 0.25, d[3], Duration.ofNanos(300_000)));
    }
}
