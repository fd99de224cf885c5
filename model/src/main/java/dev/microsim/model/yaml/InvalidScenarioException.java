package dev.microsim.model.yaml;

/** Thrown by {@link ParseResult#orThrow()}; its message lists every error, one per line. */
public final class InvalidScenarioException extends RuntimeException {
    private final transient ParseResult result;

    public InvalidScenarioException(ParseResult result) {
        super(result.file() + " is not a valid scenario:\n  " + String.join("\n  ",
                result.errors().stream().map(e -> e.format(result.file())).toList()));
        this.result = result;
    }

    public ParseResult result() {
        return result;
    }
}
