package dev.microsim.suite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Runs one case of a suite into its dataset directory, blocking until the dataset is final. The
 * suite's own runner implements it on {@code RunSession}; the suite orchestration (resume, retry,
 * parallelism, progress) is written against this port only.
 */
public interface CaseRunner {

    /** How a case ended: complete (its manifest says so) or not, with the reason. */
    record Outcome(boolean complete, Optional<String> reason, Duration wall) {
    }

    Outcome run(SuiteCase suiteCase, Path dataset) throws InterruptedException;

    /** Stops every case running now (a Ctrl-C of the suite): their datasets end incomplete. */
    void cancelAll(String reason);
}
