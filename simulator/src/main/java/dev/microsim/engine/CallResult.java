package dev.microsim.engine;

/** How a sent call attempt ended: an HTTP answer (any status), or a transport failure. */
public interface CallResult {
    void answered(int status, long responseBytes);

    void failed(CallError error);
}
