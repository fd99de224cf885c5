package dev.microsim.detector.logs;

/** A log message to its words, parameters already masked as {@code <*>}; one per parse (may cache). */
public interface MessageTokenizer {

    String[] tokens(String message);
}
