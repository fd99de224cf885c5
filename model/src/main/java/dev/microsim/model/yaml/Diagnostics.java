package dev.microsim.model.yaml;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one parse, with positions looked up in the source map. */
public final class Diagnostics {
    private final SourceMap sourceMap;
    private final List<Diagnostic> all = new ArrayList<>();

    public Diagnostics(SourceMap sourceMap) {
        this.sourceMap = sourceMap;
    }

    public void error(String path, String message) {
        all.add(new Diagnostic(Diagnostic.Severity.ERROR, path, message, sourceMap.valueAt(path)));
    }

    /** An error about the key itself (unknown key, duplicate key): points at the key. */
    public void keyError(String path, String message) {
        all.add(new Diagnostic(Diagnostic.Severity.ERROR, path, message, sourceMap.keyAt(path)));
    }

    public void warning(String path, String message) {
        all.add(new Diagnostic(Diagnostic.Severity.WARNING, path, message, sourceMap.valueAt(path)));
    }

    public boolean hasErrors() {
        return all.stream().anyMatch(Diagnostic::isError);
    }

    public List<Diagnostic> list() {
        return List.copyOf(all);
    }
}
