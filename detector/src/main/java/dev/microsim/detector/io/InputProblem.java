package dev.microsim.detector.io;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One thing wrong with an input file, located precisely enough to fix it without guessing:
 * the file, the 1-based line (0 when the problem is about the whole file), the field or column
 * and the offending value.
 */
public record InputProblem(Path file, long line, String field, String value, String message) {

    public InputProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0, was " + line);
        }
    }

    public static InputProblem ofFile(Path file, String message) {
        return new InputProblem(file, 0, null, null, message);
    }

    public static InputProblem at(Path file, long line, String field, String value, String message) {
        return new InputProblem(file, line, field, value, message);
    }

    /** {@code preds.csv:12: column "score": "abc" is not a number}. */
    public String render() {
        StringBuilder text = new StringBuilder(file.toString());
        if (line > 0) {
            text.append(':').append(line);
        }
        text.append(": ");
        if (field != null) {
            text.append("column \"").append(field).append("\": ");
        }
        if (value != null) {
            text.append('"').append(value).append("\" ");
        }
        return text.append(message).toString();
    }
}
