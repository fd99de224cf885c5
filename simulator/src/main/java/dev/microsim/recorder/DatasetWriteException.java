package dev.microsim.recorder;

/**
 * The dataset can no longer be written (disk full, I/O error): the run must stop, recover its
 * faults and leave the dataset marked incomplete with this reason.
 */
public final class DatasetWriteException extends RuntimeException {
    public DatasetWriteException(String message) {
        super(message);
    }
}
