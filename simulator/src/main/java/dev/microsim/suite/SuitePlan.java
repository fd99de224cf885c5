package dev.microsim.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.microsim.model.units.Durations;
import dev.microsim.model.yaml.ParseResult;
import dev.microsim.model.yaml.ScenarioParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Expands a suite into its cases: scenarios x targets x fault kinds x intensities x seeds, in that
 * order. Each case is its scenario with the faults replaced by the one fault of the case (at the
 * suite's {@code fault.at}, for {@code fault.duration}), the seed and duration set, and is validated
 * by the same parser as {@code microsim validate}: a suite whose cases do not all parse runs none.
 */
public final class SuitePlan {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private SuitePlan() {
    }

    public static List<SuiteCase> expand(SuiteSpec suite, ScenarioParser parser) throws SuiteReader.InvalidSuiteException {
        List<SuiteCase> cases = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (SuiteSpec.ScenarioEntry entry : suite.scenarios()) {
            JsonNode base;
            try {
                base = YAML.readTree(Files.readString(entry.file()));
            } catch (IOException e) {
                problems.add(entry.file() + ": cannot be read: " + e.getMessage());
                continue;
            }
            String scenarioName = base.path("name").asText(baseName(entry.file()));
            Set<String> services = new HashSet<>();
            base.path("services").fieldNames().forEachRemaining(services::add);
            for (String target : entry.targets()) {
                if (!services.contains(target)) {
                    problems.add(suite.file().getFileName() + ": scenarios[" + suite.scenarios().indexOf(entry) + "].targets: \""
                            + target + "\" is not a service of " + scenarioName
                            + dev.microsim.model.yaml.Suggestions.didYouMean(target, services));
                    continue;
                }
                for (SuiteSpec.FaultEntry fault : suite.faults()) {
                    for (Map.Entry<String, Map<String, Object>> intensity : fault.intensities().entrySet()) {
                        for (long seed : suite.seeds()) {
                            String id = slug(scenarioName + "--" + target + "--" + fault.kind() + "-" + intensity.getKey() + "--s" + seed);
                            if (!ids.add(id)) {
                                problems.add(suite.file().getFileName() + ": case " + id + " comes twice (a scenario or target listed twice?)");
                                continue;
                            }
                            String yaml = caseYaml((ObjectNode) base.deepCopy(), suite, target, fault, intensity.getValue(), seed);
                            ParseResult parsed = parser.parse(yaml, id + ".yaml");
                            if (!parsed.ok()) {
                                parsed.errors().forEach(d -> problems.add("case " + id + ": " + d.path() + ": " + d.message()));
                                continue;
                            }
                            cases.add(new SuiteCase(id, scenarioName, target, fault.kind(), intensity.getKey(), seed,
                                    intensity.getValue(), yaml));
                        }
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new SuiteReader.InvalidSuiteException(problems);
        }
        return cases;
    }

    private static String caseYaml(ObjectNode scenario, SuiteSpec suite, String target, SuiteSpec.FaultEntry fault,
                                   Map<String, Object> parameters, long seed) {
        scenario.put("seed", seed);
        scenario.put("duration", Durations.format(suite.duration()));
        ArrayNode faults = scenario.putArray("faults");
        ObjectNode f = faults.addObject();
        f.put("id", slug(fault.kind() + "-" + target));
        f.put("kind", fault.kind());
        if (fault.target().isEmpty()) {
            f.put("target", target);
        } else {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("service", target);
            t.putAll(fault.target());
            f.set("target", YAML.valueToTree(t));
        }
        f.put("at", Durations.format(suite.faultAt()));
        f.put("duration", Durations.format(suite.faultDuration()));
        parameters.forEach((k, v) -> f.set(k, YAML.valueToTree(v)));
        try {
            return YAML.writeValueAsString(scenario);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the case's scenario: " + e.getMessage(), e);
        }
    }

    static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
