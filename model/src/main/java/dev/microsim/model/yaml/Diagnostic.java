package dev.microsim.model.yaml;

import java.util.Optional;

/**
 * One problem found in a scenario: where (field path and file position), what is wrong (the
 * message names the offending value). Printed as {@code FILE:LINE:COL: error: PATH: MESSAGE}.
 */
public record Diagnostic(Severity severity, String path, String message, Optional<SourcePosition> position) {
    public enum Severity {
        ERROR, WARNING;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Diagnostic {
        position = position == null ? Optional.empty() : position;
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    public String format(String file) {
        String where = file + position.map(p -> ":" + p).orElse("");
        return where + ": " + severity.label() + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
