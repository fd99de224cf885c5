package dev.microsim.detector.context;

/**
 * A learnt sequence: the left facts (what was, with the contexts then active) were followed by the
 * right facts (the next value). {@code activations} counts how often it came true; a zero-level
 * context was once seen whole, as a full step of the stream, and may seed new contexts.
 */
final class Context {

    final int id;
    final long leftHash;
    final long rightHash;
    boolean zeroLevel;
    int activations;

    Context(int id, boolean zeroLevel, long leftHash, long rightHash) {
        this.id = id;
        this.zeroLevel = zeroLevel;
        this.leftHash = leftHash;
        this.rightHash = rightHash;
    }
}
