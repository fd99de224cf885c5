package dev.microsim.detector.rca;

import dev.microsim.detector.io.InputFiles;
import com.fasterxml.jackson.databind.JsonNode;
import dev.microsim.detector.dataset.Fault;
import dev.microsim.detector.io.InputException;
import dev.microsim.detector.io.InputProblem;
import dev.microsim.detector.io.ProblemCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a root-cause ranking file: a JSON object mapping each fault id to its candidate services,
 * most likely first, e.g. {@code {"f1-latency-catalog": ["catalog", "cart", "frontend"]}}.
 */
public final class RankingReader {

    public Map<String, List<String>> read(Path file, List<Fault> faults) throws InputException {
        return read(file, faults, Set.of());
    }

    /**
     * As {@link #read(Path, List)}, and every ranked name must be one of {@code services} (when
     * given): a misspelt service would otherwise just count as a miss.
     */
    public Map<String, List<String>> read(Path file, List<Fault> faults, Set<String> services) throws InputException {
        if (!Files.isRegularFile(file)) {
            throw new InputException(InputProblem.ofFile(file, "not found"));
        }
        JsonNode tree;
        try {
            if (Files.size(file) == 0) {
                throw new InputException(InputProblem.ofFile(file, "is empty: expected {\"<fault id>\": [\"service\", ...]}"));
            }
        } catch (IOException e) {
            throw new InputException(InputProblem.ofFile(file, "cannot be read: " + InputFiles.describe(e)));
        }
        tree = InputFiles.readJson(file);
        if (tree == null || !tree.isObject()) {
            throw new InputException(InputProblem.ofFile(file, "must be a JSON object {\"<fault id>\": [\"service\", ...]}"));
        }
        Set<String> ids = faults.stream().map(Fault::id).collect(Collectors.toSet());
        ProblemCollector problems = new ProblemCollector();
        Map<String, List<String>> rankings = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!ids.contains(entry.getKey())) {
                problems.add(InputProblem.at(file, 0, entry.getKey(), entry.getKey(), "is not a fault of the dataset " + ids));
                continue;
            }
            if (!entry.getValue().isArray()) {
                problems.add(InputProblem.at(file, 0, entry.getKey(), entry.getValue().toString(), "must be an array of service names"));
                continue;
            }
            List<String> ranking = new ArrayList<>();
            for (JsonNode service : entry.getValue()) {
                if (!service.isTextual()) {
                    problems.add(InputProblem.at(file, 0, entry.getKey(), service.toString(), "is not a service name"));
                } else if (!services.isEmpty() && !services.contains(service.asText())) {
                    problems.add(InputProblem.at(file, 0, entry.getKey(), service.asText(), "is not a service of the dataset; services: "
                            + String.join(", ", new java.util.TreeSet<>(services))));
                } else {
                    ranking.add(service.asText());
                }
            }
            rankings.put(entry.getKey(), ranking);
        }
        problems.throwIfAny();
        return rankings;
    }
}
