package dev.microsim.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.microsim.model.units.Durations;
import dev.microsim.model.yaml.Suggestions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads a suite file (docs/suites.md), checking every field and collecting every problem at once,
 * each as {@code FILE: PATH: message} with the offending value, e.g.
 * {@code standard.yaml: faults[2].kind: unknown fault kind "latncy" (did you mean "latency"?)}.
 */
public final class SuiteReader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP = Set.of("version", "name", "description", "mode", "load", "parallel", "duration",
            "fault", "scenarios", "faults", "seeds");
    private static final Set<String> LOADS = Set.of("builtin", "gatling");

    private final Set<String> faultKinds;

    public SuiteReader(Set<String> faultKinds) {
        this.faultKinds = Set.copyOf(faultKinds);
    }

    /** Thrown with every problem of a suite file, one per line. */
    public static final class InvalidSuiteException extends Exception {
        private final List<String> problems;

        public InvalidSuiteException(List<String> problems) {
            super(String.join("\n", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    public SuiteSpec read(Path file) throws InvalidSuiteException {
        String name = file.getFileName().toString();
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new InvalidSuiteException(List.of(name + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")")));
        } catch (IOException e) {
            throw new InvalidSuiteException(List.of(name + ": cannot be read: " + e.getMessage()));
        }
        Problems p = new Problems(name);
        if (root == null || !root.isObject()) {
            throw new InvalidSuiteException(List.of(name + ": must be a mapping with version, name, scenarios, faults, seeds"));
        }
        p.unknownKeys(root, "", TOP);
        JsonNode version = root.path("version");
        if (!version.isInt() || version.asInt() != SuiteSpec.FORMAT_VERSION) {
            p.add("version", "\"" + version.asText() + "\" is not a suite format this reader knows (only " + SuiteSpec.FORMAT_VERSION + ")");
        }
        String suiteName = root.path("name").asText("");
        if (!suiteName.matches("[a-z0-9][a-z0-9-]*")) {
            p.add("name", "\"" + suiteName + "\" must be lowercase letters, digits and dashes");
        }
        SuiteSpec.Mode mode = SuiteSpec.Mode.LIVE;
        if (root.has("mode")) {
            String m = root.path("mode").asText();
            if (m.equals("live") || m.equals("fast") || m.equals("local")) {
                // "local" is what `microsim run --mode` called the live engine before: accepted as an alias.
                mode = m.equals("fast") ? SuiteSpec.Mode.FAST : SuiteSpec.Mode.LIVE;
            } else {
                p.add("mode", "\"" + m + "\" is not live or fast");
            }
        }
        String load = root.path("load").asText("builtin");
        if (!LOADS.contains(load)) {
            p.add("load", "\"" + load + "\" is not builtin or gatling" + Suggestions.didYouMean(load, LOADS));
        }
        OptionalInt parallel = OptionalInt.empty();
        if (root.has("parallel") && !root.path("parallel").asText().equals("auto")) {
            if (root.path("parallel").isInt() && root.path("parallel").asInt() >= 1) {
                parallel = OptionalInt.of(root.path("parallel").asInt());
            } else {
                p.add("parallel", "\"" + root.path("parallel").asText() + "\" must be auto or a whole number >= 1");
            }
        }
        if (load.equals("gatling") && parallel.isPresent() && parallel.getAsInt() > 1 && mode == SuiteSpec.Mode.LIVE) {
            p.add("parallel", parallel.getAsInt() + " live cases at once need load: builtin (Gatling runs one plan per JVM at a time)");
        }
        Duration duration = p.duration(root.path("duration"), "duration");
        JsonNode fault = root.path("fault");
        if (!fault.isObject()) {
            p.add("fault", "missing: give {at: 20s, duration: 20s}, when each case's fault acts");
        } else {
            p.unknownKeys(fault, "fault.", Set.of("at", "duration"));
        }
        Duration faultAt = p.duration(fault.path("at"), "fault.at");
        Duration faultDuration = p.duration(fault.path("duration"), "fault.duration");
        if (duration != null && faultAt != null && faultDuration != null && faultAt.plus(faultDuration).compareTo(duration) > 0) {
            p.add("fault", "at " + Durations.format(faultAt) + " for " + Durations.format(faultDuration)
                    + " ends after the cases' duration " + Durations.format(duration));
        }
        List<SuiteSpec.ScenarioEntry> scenarios = scenarios(root.path("scenarios"), file, p);
        List<SuiteSpec.FaultEntry> faults = faults(root.path("faults"), p);
        List<Long> seeds = new ArrayList<>();
        JsonNode seedList = root.path("seeds");
        if (!seedList.isArray() || seedList.isEmpty()) {
            p.add("seeds", "missing: give a list of seeds, e.g. [1, 2, 3]");
        } else {
            for (int i = 0; i < seedList.size(); i++) {
                if (seedList.get(i).isIntegralNumber()) {
                    if (seeds.contains(seedList.get(i).asLong())) {
                        p.add("seeds[" + i + "]", seedList.get(i).asText() + " is listed twice");
                    }
                    seeds.add(seedList.get(i).asLong());
                } else {
                    p.add("seeds[" + i + "]", "\"" + seedList.get(i).asText() + "\" is not a whole number");
                }
            }
        }
        p.throwIfAny();
        return new SuiteSpec(file, suiteName, root.path("description").asText(""), mode, load, parallel, duration, faultAt,
                faultDuration, scenarios, faults, seeds);
    }

    private static List<SuiteSpec.ScenarioEntry> scenarios(JsonNode list, Path suiteFile, Problems p) {
        List<SuiteSpec.ScenarioEntry> out = new ArrayList<>();
        if (!list.isArray() || list.isEmpty()) {
            p.add("scenarios", "missing: give a list of {file: ..., targets: [service, ...]}");
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            String path = "scenarios[" + i + "]";
            p.unknownKeys(entry, path + ".", Set.of("file", "targets"));
            Path file = suiteFile.toAbsolutePath().getParent().resolve(entry.path("file").asText("")).normalize();
            if (!entry.path("file").isTextual() || !Files.isRegularFile(file)) {
                p.add(path + ".file", "\"" + entry.path("file").asText() + "\" is not a file (paths are relative to the suite file)");
            }
            List<String> targets = new ArrayList<>();
            if (!entry.path("targets").isArray() || entry.path("targets").isEmpty()) {
                p.add(path + ".targets", "missing: the services to put each fault on, e.g. [cart, catalog]");
            } else {
                entry.path("targets").forEach(t -> targets.add(t.asText()));
            }
            out.add(new SuiteSpec.ScenarioEntry(file, targets));
        }
        return out;
    }

    private List<SuiteSpec.FaultEntry> faults(JsonNode list, Problems p) {
        List<SuiteSpec.FaultEntry> out = new ArrayList<>();
        if (!list.isArray() || list.isEmpty()) {
            p.add("faults", "missing: give a list of {kind: ..., intensities: {name: {parameters}}}");
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            String path = "faults[" + i + "]";
            p.unknownKeys(entry, path + ".", Set.of("kind", "intensities", "target"));
            String kind = entry.path("kind").asText("");
            if (!faultKinds.contains(kind)) {
                p.add(path + ".kind", "unknown fault kind \"" + kind + "\"" + Suggestions.didYouMean(kind, faultKinds));
            }
            Map<String, Map<String, Object>> intensities = new LinkedHashMap<>();
            JsonNode given = entry.path("intensities");
            if (given.isMissingNode()) {
                intensities.put("default", Map.of());
            } else if (!given.isObject() || given.isEmpty()) {
                p.add(path + ".intensities", "must map intensity names to parameters, e.g. {low: {delay: 20ms}, high: {delay: 200ms}}");
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getKey().matches("[a-z0-9][a-z0-9-]*")) {
                        p.add(path + ".intensities." + e.getKey(), "intensity names must be lowercase letters, digits and dashes");
                    }
                    if (!e.getValue().isObject()) {
                        p.add(path + ".intensities." + e.getKey(), "must be a mapping of the kind's parameters, got " + e.getValue());
                        continue;
                    }
                    intensities.put(e.getKey(), plain(e.getValue()));
                }
            }
            Map<String, Object> target = entry.path("target").isObject() ? plain(entry.path("target")) : Map.of();
            if (target.containsKey("service")) {
                p.add(path + ".target.service", "is set per case from the scenario's targets; give only the other target fields");
            }
            out.add(new SuiteSpec.FaultEntry(kind, intensities, target));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> plain(JsonNode node) {
        return YAML.convertValue(node, LinkedHashMap.class);
    }

    /** Problems of one file, in the order found. */
    private static final class Problems {
        private final String file;
        private final List<String> lines = new ArrayList<>();

        Problems(String file) {
            this.file = file;
        }

        void add(String path, String message) {
            lines.add(file + ": " + path + ": " + message);
        }

        void unknownKeys(JsonNode node, String prefix, Set<String> known) {
            if (!node.isObject()) {
                return;
            }
            node.fieldNames().forEachRemaining(key -> {
                if (!known.contains(key)) {
                    add(prefix + key, "unknown field" + Suggestions.didYouMean(key, known));
                }
            });
        }

        Duration duration(JsonNode node, String path) {
            if (node.isMissingNode() || node.isNull()) {
                add(path, "missing: give a duration like 40s");
                return null;
            }
            try {
                Duration d = Durations.parse(node.asText());
                if (d.isNegative()) {
                    add(path, "\"" + node.asText() + "\" is negative");
                    return null;
                }
                return d;
            } catch (IllegalArgumentException e) {
                add(path, "\"" + node.asText() + "\" is not a duration like 500ms, 40s, 2m");
                return null;
            }
        }

        void throwIfAny() throws InvalidSuiteException {
            if (!lines.isEmpty()) {
                throw new InvalidSuiteException(lines);
            }
        }
    }
}
