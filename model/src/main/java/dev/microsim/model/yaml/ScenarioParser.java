package dev.microsim.model.yaml;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads a scenario file and reports every problem at once: syntax, structure (unknown keys with
 * suggestions, types, units) and cross-references (unknown services, cycles, fault targets).
 */
public final class ScenarioParser {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(YAML);

    private final FaultKinds faultKinds;

    public ScenarioParser(FaultKinds faultKinds) {
        this.faultKinds = faultKinds;
    }

    /** A parser that accepts any fault kind and parameters (for tools that only read the mesh). */
    public ScenarioParser() {
        this(FaultKinds.ANY);
    }

    public ParseResult parse(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new ParseResult(file.toString(), Optional.empty(), List.of(
                    new Diagnostic(Diagnostic.Severity.ERROR, "", "cannot read file: " + e, Optional.empty())));
        }
        return parse(text, file.toString());
    }

    public ParseResult parse(String text, String fileName) {
        SourceMap sourceMap;
        JsonNode root;
        try {
            sourceMap = SourceMap.build(YAML, text);
            root = MAPPER.readTree(text);
        } catch (JacksonException e) {
            JsonLocation loc = e.getLocation();
            Optional<SourcePosition> pos = loc == null ? Optional.empty() : Optional.of(new SourcePosition(loc.getLineNr(), loc.getColumnNr()));
            return new ParseResult(fileName, Optional.empty(), List.of(
                    new Diagnostic(Diagnostic.Severity.ERROR, "", "YAML syntax error: " + e.getOriginalMessage(), pos)));
        } catch (IOException e) {
            return new ParseResult(fileName, Optional.empty(), List.of(
                    new Diagnostic(Diagnostic.Severity.ERROR, "", "cannot read YAML: " + e.getMessage(), Optional.empty())));
        }
        Diagnostics diagnostics = new Diagnostics(sourceMap);
        if (root == null || root.isMissingNode()) {
            diagnostics.error("", "the file is empty: expected a scenario with name, duration and services");
            return new ParseResult(fileName, Optional.empty(), diagnostics.list());
        }
        sourceMap.duplicateKeys().forEach(path -> diagnostics.keyError(path, "duplicate key (the later value would silently win)"));
        ScenarioReader reader = new ScenarioReader(diagnostics, faultKinds);
        var scenario = reader.read(root);
        scenario.ifPresent(s -> ScenarioChecks.run(s, reader.declaredServices(), diagnostics));
        List<Diagnostic> sorted = diagnostics.list().stream()
                .sorted(Comparator.comparing((Diagnostic x) -> x.position().map(SourcePosition::line).orElse(0))
                        .thenComparing(x -> x.position().map(SourcePosition::column).orElse(0)))
                .toList();
        boolean errors = sorted.stream().anyMatch(Diagnostic::isError);
        return new ParseResult(fileName, errors ? Optional.empty() : scenario, sorted);
    }
}
