package dev.microsim.report.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microsim.detector.io.InputException;
import dev.microsim.detector.io.InputProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The output directory of {@code microsim suite run}: {@code plan.json} (every case and what it
 * varies) and {@code cases/<id>/} (each case's dataset). Read on the scorer side without the
 * suite or scenario files.
 */
public record SuiteDirectory(Path root, String suite, List<SuiteCaseInfo> cases) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public SuiteDirectory {
        cases = List.copyOf(cases);
    }

    public static SuiteDirectory read(Path root) throws InputException {
        Path plan = root.resolve("plan.json");
        if (!Files.isRegularFile(plan)) {
            throw new InputException(InputProblem.ofFile(plan, "not found: not the output of microsim suite run"));
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(plan.toFile());
        } catch (IOException e) {
            throw new InputException(InputProblem.ofFile(plan, "is not valid JSON: " + e.getMessage()));
        }
        List<SuiteCaseInfo> cases = new ArrayList<>();
        for (JsonNode c : tree.path("cases")) {
            cases.add(new SuiteCaseInfo(c.path("id").asText(), root.resolve(c.path("dir").asText()), c.path("scenario").asText(),
                    c.path("target").asText(), c.path("kind").asText(), c.path("intensity").asText(), c.path("seed").asLong()));
        }
        return new SuiteDirectory(root, tree.path("suite").asText(root.getFileName().toString()), cases);
    }

    /** Cases whose dataset is complete; the others are not finished (a suite still running, killed or failed). */
    public List<SuiteCaseInfo> finished() {
        return cases.stream().filter(c -> complete(c.dir())).toList();
    }

    public List<SuiteCaseInfo> unfinished() {
        return cases.stream().filter(c -> !complete(c.dir())).toList();
    }

    static boolean complete(Path dir) {
        try {
            return JSON.readTree(dir.resolve("manifest.json").toFile()).path("complete").asBoolean(false);
        } catch (IOException e) {
            return false;
        }
    }
}
