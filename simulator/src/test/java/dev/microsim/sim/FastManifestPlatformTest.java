package dev.microsim.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microsim.cli.Scenarios;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.run.RunResult;
import dev.microsim.run.RunSession;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fast dataset's manifest says which platform costs the run modelled (the defaults, or the
 * scenario's {@code platform:} section over them), in the scenario format's syntax, so the object can
 * be pasted back into a scenario and another run made on the same assumptions.
 */
class FastManifestPlatformTest {
    static final String SCENARIO = """
            version: 1
            name: platform
            duration: 2s
            services:
              web:
                endpoints:
                  GET /:
                    steps:
                      - compute: 1ms
            load:
              - name: l
                target: web GET /
                profile: constant
                rate: 10/s
            """;

    static JsonNode manifestPlatform(String yaml, Path dir) throws Exception {
        Scenario s = Scenarios.parser().parse(yaml, "platform.yaml").orThrow();
        RunResult r = RunSession.builder(s, dir, new FastRun(SimOptions.defaults())).handleSignals(false).build().run();
        assertThat(r.complete()).as(r.reason().orElse("")).isTrue();
        return new ObjectMapper().readTree(dir.resolve("manifest.json").toFile()).get("platform");
    }

    @Test
    void withoutAPlatformSectionTheManifestRecordsTheIdealPlatform(@TempDir Path tmp) throws Exception {
        JsonNode p = manifestPlatform(SCENARIO, tmp);
        assertThat(p.toString()).isEqualTo("{\"hop\":\"150us\",\"computeHandoff\":\"0s\",\"timerResolution\":\"0s\",\"timerLag\":\"0s\",\"ideal\":true}");
    }

    @Test
    void theScenariosSectionOverridesTheDefaultsFieldByFieldAndIsRecordedInItsOwnSyntax(@TempDir Path tmp) throws Exception {
        JsonNode p = manifestPlatform(SCENARIO + """
                platform:
                  hop: {lognormal: {median: 300us, p99: 2ms}}
                  timerResolution: 1ms
                  timerLag: {exponential: {mean: 200us}}
                """, tmp);
        assertThat(p.toString()).isEqualTo("{\"hop\":{\"lognormal\":{\"median\":\"300us\",\"p99\":\"2ms\"}},\"computeHandoff\":\"0s\","
                + "\"timerResolution\":\"1ms\",\"timerLag\":{\"exponential\":{\"mean\":\"200us\"}},\"ideal\":false}");
        // Pasted back as a scenario's section, it parses to the same costs.
        String pasted = SCENARIO + "platform: " + p.toString().replace(",\"ideal\":false", "") + "\n";
        Scenario again = Scenarios.parser().parse(pasted, "pasted.yaml").orThrow();
        assertThat(PlatformCosts.IDEAL.overriddenBy(again.platform()).manifest()).isEqualTo(new ObjectMapper().convertValue(p, java.util.Map.class));
    }

    @Test
    void theSessionSevenFieldsAreRecordedOnlyWhenSetAndPasteBack(@TempDir Path tmp) throws Exception {
        JsonNode p = manifestPlatform(SCENARIO + """
                platform:
                  hop: 60us
                  serverOverhead: 15us
                  computeStretch: 0.2
                  wake: 90us
                """, tmp);
        assertThat(p.toString()).isEqualTo("{\"hop\":\"60us\",\"computeHandoff\":\"0s\",\"timerResolution\":\"0s\",\"timerLag\":\"0s\","
                + "\"serverOverhead\":\"15us\",\"computeStretch\":0.2,\"wake\":\"90us\",\"ideal\":false}");
        String pasted = SCENARIO + "platform: " + p.toString().replace(",\"ideal\":false", "") + "\n";
        Scenario again = Scenarios.parser().parse(pasted, "pasted.yaml").orThrow();
        assertThat(PlatformCosts.IDEAL.overriddenBy(again.platform()).manifest()).isEqualTo(new ObjectMapper().convertValue(p, java.util.Map.class));
    }
}
