package dev.microsim.model.yaml;

/** A 1-based line and column in the scenario file. */
public record SourcePosition(int line, int column) {
    @Override
    public String toString() {
        return line + ":" + column;
    }
}
