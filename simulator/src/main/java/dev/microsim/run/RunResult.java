package dev.microsim.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How a session ended. {@code status} COMPLETE means the manifest says complete; FAILED and
 * INTERRUPTED leave it incomplete with {@code reason}. Counts are the client (load) side, the server
 * side over all services, and the recorder's.
 */
public record RunResult(Status status, Optional<String> reason, Path dataset, String mode, String load, Duration wall, Duration simulated,
                        long clientRequests, long clientErrors, long serverRequests, long serverErrors, long spansRecorded,
                        long dropped) {
    public enum Status { COMPLETE, FAILED, INTERRUPTED }

    public boolean complete() {
        return status == Status.COMPLETE;
    }
}
