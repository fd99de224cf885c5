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
import dev.microsim.model.scenario.Scenario;
import java.time.Duration;
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

    /**
     * One fault written by hand while {@code running} runs (the control API): JSON or YAML in the
     * scenario's fault syntax, without {@code at} (it starts now); {@code duration} defaults to
     * {@code defaultDuration}. Same checks and messages as a fault in a scenario file, field paths
     * relative to the fault.
     */
    public FaultParseResult parseFaultNow(String text, String source, Scenario running, String defaultId, Duration defaultDuration) {
        Read read = read(text);
        if (read.failure() != null) return new FaultParseResult(source, Optional.empty(), List.of(read.failure()));
        JsonNode root = read.root();
        Diagnostics diagnostics = read.diagnostics();
        var reader = new ScenarioReader(diagnostics, faultKinds);
        var fault = reader.handFault(root == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : root,
                new ScenarioReader.HandFault(defaultId, defaultDuration));
        fault.ifPresent(f -> ScenarioChecks.checkHandFault(running, f, diagnostics));
        return new FaultParseResult(source, diagnostics.hasErrors() ? Optional.empty() : fault, inFileOrder(diagnostics));
    }

    /** The tree and its positions, duplicate keys already reported; or the one syntax error that stops reading. */
    private record Read(JsonNode root, Diagnostics diagnostics, Diagnostic failure) {}

    private static Read read(String text) {
        try {
            SourceMap sourceMap = SourceMap.build(YAML, text);
            JsonNode root = MAPPER.readTree(text);
            Diagnostics diagnostics = new Diagnostics(sourceMap);
            sourceMap.duplicateKeys().forEach(path -> diagnostics.keyError(path, "duplicate key (the later value would silently win)"));
            return new Read(root, diagnostics, null);
        } catch (JacksonException e) {
            return new Read(null, null, syntaxError(e));
        } catch (IOException e) {
            return new Read(null, null, new Diagnostic(Diagnostic.Severity.ERROR, "", "cannot read YAML: " + e.getMessage(), Optional.empty()));
        }
    }

    private static List<Diagnostic> inFileOrder(Diagnostics diagnostics) {
        return diagnostics.list().stream()
                .sorted(Comparator.comparing((Diagnostic x) -> x.position().map(SourcePosition::line).orElse(0))
                        .thenComparing(x -> x.position().map(SourcePosition::column).orElse(0)))
                .toList();
    }

    public ParseResult parse(String text, String fileName) {
        Read read = read(text);
        if (read.failure() != null) return new ParseResult(fileName, Optional.empty(), List.of(read.failure()));
        JsonNode root = read.root();
        Diagnostics diagnostics = read.diagnostics();
        if (root == null || root.isMissingNode()) {
            diagnostics.error("", "the file is empty: expected a scenario with name, duration and services");
            return new ParseResult(fileName, Optional.empty(), diagnostics.list());
        }
        ScenarioReader reader = new ScenarioReader(diagnostics, faultKinds);
        var scenario = reader.read(root);
        scenario.ifPresent(s -> ScenarioChecks.run(s, reader.declaredServices(), diagnostics));
        List<Diagnostic> sorted = inFileOrder(diagnostics);
        boolean errors = sorted.stream().anyMatch(Diagnostic::isError);
        return new ParseResult(fileName, errors ? Optional.empty() : scenario, sorted);
    }

    /**
     * One line for a YAML syntax error. SnakeYAML's own message spans several lines (it quotes the
     * source with a caret) and Jackson's column for it is one too far, so both come from
     * SnakeYAML's problem mark when there is one.
     */
    private static Diagnostic syntaxError(JacksonException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null) {
                String what = (m.getContext() == null ? "" : m.getContext() + ": ") + m.getProblem();
                var mark = m.getProblemMark();
                return new Diagnostic(Diagnostic.Severity.ERROR, "", "YAML syntax error: " + what,
                        Optional.of(new SourcePosition(mark.getLine() + 1, mark.getColumn() + 1)));
            }
        }
        JsonLocation loc = e.getLocation();
        Optional<SourcePosition> pos = loc == null ? Optional.empty() : Optional.of(new SourcePosition(loc.getLineNr(), loc.getColumnNr()));
        String message = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("").strip();
        return new Diagnostic(Diagnostic.Severity.ERROR, "", "YAML syntax error: " + message, pos);
    }
}
