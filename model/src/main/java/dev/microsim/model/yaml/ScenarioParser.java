package dev.microsim.model.yaml;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microsim.model.scenario.Limits;
import dev.microsim.model.units.Durations;
import java.io.IOException;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
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
    private static final YAMLFactory YAML = YAMLFactory.builder().loaderOptions(loaderOptions()).build();
    private static final ObjectMapper MAPPER = new ObjectMapper(YAML);

    private final FaultKinds faultKinds;

    public ScenarioParser(FaultKinds faultKinds) {
        this.faultKinds = faultKinds;
    }

    /** A parser that accepts any fault kind and parameters (for tools that only read the mesh). */
    public ScenarioParser() {
        this(FaultKinds.ANY);
    }

    /** SnakeYAML's own bound (3 M code points by default) would cut files our size limit allows. */
    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit((int) Limits.MAX_FILE_BYTES + 1);
        return options;
    }

    public ParseResult parse(Path file) {
        return parse(file, Overrides.NONE);
    }

    /**
     * Reads {@code file} with command-line {@code overrides} applied before validation. Size and
     * encoding are checked before any YAML is scanned.
     */
    public ParseResult parse(Path file, Overrides overrides) {
        ScenarioText.Read text = ScenarioText.read(file);
        if (text.problem() != null) return new ParseResult(file.toString(), Optional.empty(), List.of(text.problem()));
        return parse(text.text(), file.toString(), overrides);
    }

    /**
     * One fault written by hand while {@code running} runs (the control API): JSON or YAML in the
     * scenario's fault syntax, without {@code at} (it starts now); {@code duration} defaults to
     * what is {@code left} of the run and may not be longer (a fault must end by the end of the
     * run, as in a scenario file). Same checks and messages as a fault in a scenario file, field
     * paths relative to the fault.
     */
    public FaultParseResult parseFaultNow(String text, String source, Scenario running, String defaultId, Duration left) {
        Read read = read(text);
        if (read.failures() != null) return new FaultParseResult(source, Optional.empty(), read.failures());
        JsonNode root = read.root();
        Diagnostics diagnostics = read.diagnostics();
        var reader = new ScenarioReader(diagnostics, faultKinds);
        var fault = reader.handFault(root == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : root,
                new ScenarioReader.HandFault(defaultId, left));
        fault.ifPresent(f -> ScenarioChecks.checkHandFault(running, f, diagnostics, left));
        return new FaultParseResult(source, diagnostics.hasErrors() ? Optional.empty() : fault, inFileOrder(diagnostics));
    }

    /**
     * The tree and its positions, duplicate keys already reported; or the problems that stop
     * reading (size, encoding, a syntax error, aliases).
     */
    private record Read(JsonNode root, Diagnostics diagnostics, List<Diagnostic> failures) {
        static Read failed(Diagnostic d) {
            return new Read(null, null, List.of(d));
        }
    }

    private static Read read(String input) {
        ScenarioText.Read checked = ScenarioText.check(input);
        if (checked.problem() != null) return Read.failed(checked.problem());
        String text = checked.text();
        try {
            SourceMap sourceMap = SourceMap.build(YAML, text);
            if (!sourceMap.aliases().isEmpty()) {
                return new Read(null, null, sourceMap.aliases().stream().map(a -> new Diagnostic(Diagnostic.Severity.ERROR, a.path(),
                        "YAML alias *" + a.name() + " is not supported (nor anchors like &" + a.name()
                                + "): write the value out in full where it is used", Optional.of(a.position()))).toList());
            }
            JsonNode root = MAPPER.readTree(text);
            Diagnostics diagnostics = new Diagnostics(sourceMap);
            sourceMap.duplicateKeys().forEach(path -> diagnostics.keyError(path, "duplicate key (the later value would silently win)"));
            return new Read(root, diagnostics, null);
        } catch (JacksonException e) {
            return Read.failed(syntaxError(e));
        } catch (IOException e) {
            return Read.failed(new Diagnostic(Diagnostic.Severity.ERROR, "", "cannot read YAML: " + e.getMessage(), Optional.empty()));
        }
    }

    private static List<Diagnostic> inFileOrder(Diagnostics diagnostics) {
        return diagnostics.list().stream()
                .sorted(Comparator.comparing((Diagnostic x) -> x.position().map(SourcePosition::line).orElse(0))
                        .thenComparing(x -> x.position().map(SourcePosition::column).orElse(0)))
                .toList();
    }

    public ParseResult parse(String text, String fileName) {
        return parse(text, fileName, Overrides.NONE);
    }

    public ParseResult parse(String text, String fileName, Overrides overrides) {
        Read read = read(text);
        if (read.failures() != null) return new ParseResult(fileName, Optional.empty(), read.failures());
        JsonNode root = read.root();
        if (root instanceof ObjectNode top) {
            overrides.duration().ifPresent(d -> top.put("duration", Durations.format(d)));
            overrides.seed().ifPresent(seed -> top.put("seed", seed));
        }
        String durationName = overrides.duration().isPresent() ? "--duration" : "the scenario's duration";
        Diagnostics diagnostics = read.diagnostics();
        if (root == null || root.isMissingNode()) {
            diagnostics.error("", "the file is empty: expected a scenario with name, duration and services");
            return new ParseResult(fileName, Optional.empty(), diagnostics.list());
        }
        ScenarioReader reader = new ScenarioReader(diagnostics, faultKinds);
        var scenario = reader.read(root);
        scenario.ifPresent(s -> ScenarioChecks.run(s, reader.declaredServices(), diagnostics, durationName));
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
