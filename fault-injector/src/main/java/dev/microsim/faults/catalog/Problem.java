package dev.microsim.faults.catalog;

import java.util.List;

/**
 * One thing wrong with a fault's parameters or target: where (keys below the fault, e.g.
 * {@code ["delay"]} or {@code ["target", "caller"]}) and what, with the offending value in the message.
 */
public record Problem(List<String> keys, String message) {
    public Problem {
        keys = List.copyOf(keys);
        if (message == null || message.isBlank()) throw new IllegalArgumentException("message is required");
    }

    public static Problem at(String key, String message) {
        return new Problem(List.of(key), message);
    }

    /** {@code delay: cannot parse duration "fast" ...}, for exceptions outside the parser. */
    public String format() {
        return String.join(".", keys) + ": " + message;
    }
}
