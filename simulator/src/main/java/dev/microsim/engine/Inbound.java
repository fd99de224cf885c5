package dev.microsim.engine;

/**
 * One incoming request as an engine delivers it to the interpreter ({@link ReplicaInterpreter#onRequest}):
 * a real HTTP request in live mode, a simulated one in fast mode. Used on the replica's thread only.
 */
public interface Inbound {
    String method();

    String path();

    /** Whether the request carries a request key ({@code x-microsim-key}); hand-made requests do not. */
    boolean hasKey();

    /** The request key; meaningful only when {@link #hasKey()}. */
    long key();

    /** True once the caller has gone (closed the connection, timed out): an answer would reach no one. */
    boolean callerGone();

    /** Runs {@code action} once when the caller goes (at once if it is already gone). */
    void onCallerGone(Runnable action);

    /** Answers with {@code status} and a body of {@code bodyBytes} bytes. */
    void respond(int status, long bodyBytes);

    /** The connection breaks without an answer (the replica was killed): the caller sees a transport failure. */
    void reset();
}
