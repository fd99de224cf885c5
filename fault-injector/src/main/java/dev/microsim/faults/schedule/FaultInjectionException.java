package dev.microsim.faults.schedule;

/** A fault could not be applied or recovered: the run fails loudly with this, it is never skipped. */
public final class FaultInjectionException extends RuntimeException {
    public FaultInjectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
