package dev.microsim.run;

import java.time.Clock;

/**
 * Where and how a session's mesh runs: the live mesh in this JVM ({@link LocalRun}), the
 * discrete-event engine in virtual time (fast mode), a Kubernetes cluster. A target brings its mesh
 * up, drives the scenario's load and fault schedule to the end through the {@link RunContext}, and
 * takes its mesh down; the session does the rest (dataset, labels, signals, result) the same way for
 * all of them.
 */
public interface RunTarget {
    /** The mode's name as datasets and the fault ledger record it: {@code local}, {@code fast}, {@code kubernetes}. */
    String mode();

    /** The run's clock: dataset instants, label times and the fault schedule read it (virtual in fast mode). */
    Clock clock();

    /**
     * Whether the run may wait for the recorder rather than drop records when it falls behind: a run
     * in virtual time can (and must, to be reproducible); a live mesh cannot stop its clock.
     */
    default boolean lossless() {
        return false;
    }

    /**
     * Runs the whole scenario. Returns normally at its end; throws to fail the run (the session marks
     * the dataset incomplete with the message). Must stop promptly, leaving no fault applied, when the
     * calling thread is interrupted or {@link RunContext#cancelled()} turns true.
     */
    Report execute(RunContext context) throws Exception;

    /** What a target tells the summary: its load engine in words, and the server-side totals. */
    record Report(String load, long serverRequests, long serverErrors) {}
}
