package dev.microsim.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microsim.cli.Scenarios;
import dev.microsim.faults.catalog.FaultCatalog;
import dev.microsim.model.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuitePlanTest {

    final SuiteReader reader = new SuiteReader(FaultCatalog.standard().kinds());

    static Path suites() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("scenarios/suites"))) return p.resolve("scenarios/suites");
        }
        throw new IllegalStateException("no scenarios/suites above " + Path.of("").toAbsolutePath());
    }

    @Test
    void theStandardSuiteCrossesTenKindsThreeTopologiesThreeDepthsAndThreeSeeds() throws Exception {
        List<SuiteCase> cases = SuitePlan.expand(reader.read(suites().resolve("standard.yaml")), Scenarios.parser());
        assertThat(cases).hasSize(3 * 3 * 10 * 3);
        assertThat(cases.stream().map(SuiteCase::kind).distinct()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(cases.stream().map(SuiteCase::scenario).distinct()).containsExactly("online-boutique", "sock-shop", "hotel-reservation");
        assertThat(cases.stream().map(SuiteCase::seed).distinct()).containsExactly(1L, 2L, 3L);
        assertThat(cases).extracting(SuiteCase::id).doesNotHaveDuplicates();
        assertThat(cases.get(0).id()).isEqualTo("online-boutique--frontend--latency-medium--s1");
    }

    @Test
    void aCaseIsItsScenarioWithOneFaultOnTheTargetAtTheSuitesTimes() throws Exception {
        List<SuiteCase> cases = SuitePlan.expand(reader.read(suites().resolve("smoke.yaml")), Scenarios.parser());
        assertThat(cases).extracting(SuiteCase::id).containsExactly(
                "minimal--api--latency-high--s1", "minimal--api--http-error-high--s1",
                "minimal--db--latency-high--s1", "minimal--db--http-error-high--s1");
        Scenario scenario = Scenarios.parser().parse(cases.get(1).scenarioYaml(), "case.yaml").orThrow();
        assertThat(scenario.seed()).isEqualTo(1);
        assertThat(scenario.duration()).hasSeconds(100);
        assertThat(scenario.faults()).hasSize(1);
        assertThat(scenario.faults().get(0).kind()).isEqualTo("http-error");
        assertThat(cases.get(1).scenarioYaml()).contains("service: api").contains("share: 0.5").contains("status: 503").contains("at: 1m");
    }

    @Test
    void everyProblemOfASuiteIsReportedAtOnceWithItsPathAndValue(@TempDir Path tmp) throws Exception {
        Files.copy(suites().resolve("../minimal.yaml"), tmp.resolve("minimal.yaml"));
        Path suite = Files.writeString(tmp.resolve("bad.yaml"), """
                version: 1
                name: Bad Name
                load: gatlin
                duration: 10s
                fault: {at: 8s, duration: 5s}
                scenarios:
                  - file: minimal.yaml
                    targets: [api]
                  - file: nowhere.yaml
                    targets: [x]
                faults:
                  - kind: latncy
                  - kind: cpu-hog
                    intensities: {high: {cors: 2}}
                seeds: [1, "two"]
                paralel: 2
                """);
        assertThatThrownBy(() -> reader.read(suite)).isInstanceOfSatisfying(SuiteReader.InvalidSuiteException.class, e ->
                assertThat(e.problems()).containsExactlyInAnyOrder(
                        "bad.yaml: paralel: unknown field (did you mean \"parallel\"?)",
                        "bad.yaml: name: \"Bad Name\" must be lowercase letters, digits and dashes",
                        "bad.yaml: load: \"gatlin\" is not builtin or gatling (did you mean \"gatling\"?)",
                        "bad.yaml: fault: at 8s for 5s ends after the cases' duration 10s",
                        "bad.yaml: scenarios[1].file: \"nowhere.yaml\" is not a file (paths are relative to the suite file)",
                        "bad.yaml: faults[0].kind: unknown fault kind \"latncy\" (did you mean \"latency\"?)",
                        "bad.yaml: seeds[1]: \"two\" is not a whole number"));

        Path wrongParameter = Files.writeString(tmp.resolve("param.yaml"), """
                version: 1
                name: param
                duration: 10s
                fault: {at: 2s, duration: 5s}
                scenarios:
                  - file: minimal.yaml
                    targets: [api, apii]
                faults:
                  - kind: cpu-hog
                    intensities: {high: {cors: 2}}
                seeds: [1]
                """);
        assertThatThrownBy(() -> SuitePlan.expand(reader.read(wrongParameter), Scenarios.parser()))
                .isInstanceOfSatisfying(SuiteReader.InvalidSuiteException.class, e -> {
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                            .isEqualTo("param.yaml: scenarios[0].targets: \"apii\" is not a service of minimal (did you mean \"api\"?)"));
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("case minimal--api--cpu-hog-high--s1: faults[0]").contains("cors"));
                });
    }

    @Test
    void parallelIsAutoByDefaultOrAWholeNumberAndGatlingLiveCasesRunOneAtATime(@TempDir Path tmp) throws Exception {
        Files.copy(suites().resolve("../minimal.yaml"), tmp.resolve("minimal.yaml"));
        String base = """
                version: 1
                name: par
                duration: 10s
                fault: {at: 2s, duration: 5s}
                scenarios:
                  - {file: minimal.yaml, targets: [api]}
                faults:
                  - kind: latency
                seeds: [1]
                """;
        SuiteSpec auto = reader.read(Files.writeString(tmp.resolve("auto.yaml"), base));
        assertThat(auto.workers(SuiteSpec.Mode.FAST, 8)).isEqualTo(4);
        assertThat(auto.workers(SuiteSpec.Mode.FAST, 1)).isEqualTo(1);
        assertThat(auto.workers(SuiteSpec.Mode.LIVE, 8)).isEqualTo(1);
        assertThat(reader.read(Files.writeString(tmp.resolve("three.yaml"), base + "parallel: 3\n")).workers(SuiteSpec.Mode.LIVE, 8)).isEqualTo(3);
        assertThatThrownBy(() -> reader.read(Files.writeString(tmp.resolve("zero.yaml"), base + "parallel: 0\n")))
                .isInstanceOfSatisfying(SuiteReader.InvalidSuiteException.class, e -> assertThat(e.problems())
                        .containsExactly("zero.yaml: parallel: \"0\" must be auto or a whole number >= 1"));
        assertThatThrownBy(() -> reader.read(Files.writeString(tmp.resolve("g.yaml"), base + "load: gatling\nparallel: 2\n")))
                .isInstanceOfSatisfying(SuiteReader.InvalidSuiteException.class, e -> assertThat(e.problems())
                        .containsExactly("g.yaml: parallel: 2 live cases at once need load: builtin (Gatling runs one plan per JVM at a time)"));
    }

    @Test
    void theSchemaTypesEveryShippedSuite() throws Exception {
        // Every field the reader knows is in the schema, and the shipped suites are valid against it.
        String schema = Files.readString(suites().resolve("suite.schema.json"));
        for (String field : List.of("version", "name", "description", "mode", "load", "parallel", "duration", "fault", "scenarios",
                "faults", "seeds", "intensities", "targets", "kind")) {
            assertThat(schema).contains("\"" + field + "\"");
        }
        var factory = com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V202012);
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var yaml = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        var compiled = factory.getSchema(json.readTree(schema));
        for (String file : List.of("smoke.yaml", "standard.yaml")) {
            var errors = compiled.validate(yaml.readTree(suites().resolve(file).toFile()));
            assertThat(errors.stream().map(Object::toString).collect(Collectors.toList())).as(file).isEmpty();
        }
        var bad = compiled.validate(yaml.readTree("{version: 1, name: x, duration: 1s, fault: {at: 0s, duration: 1s}, scenarios: [], faults: [{kind: nope}], seeds: [1]}"));
        assertThat(bad).isNotEmpty();
    }
}
