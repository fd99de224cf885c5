package dev.microsim.cluster;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A log exporter that counts what it could not deliver. The SDK's batch processor reports a
 * flush as successful even when the export under it failed (it only logs the failure), so a
 * program that must know whether its records arrived (drive's load events: without its start
 * event the recorder has no run) has to look at each export's own result.
 */
final class CountingLogExporter implements LogRecordExporter {
    private final LogRecordExporter next;
    private final AtomicLong exported = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private volatile String lastFailure;

    CountingLogExporter(LogRecordExporter next) {
        this.next = next;
    }

    @Override
    public CompletableResultCode export(Collection<LogRecordData> logs) {
        int n = logs.size();
        inFlight.addAndGet(n);
        CompletableResultCode result = next.export(logs);
        result.whenComplete(() -> {
            inFlight.addAndGet(-n);
            if (result.isSuccess()) {
                exported.addAndGet(n);
            } else {
                failed.addAndGet(n);
                lastFailure = describe(result.getFailureThrowable());
            }
        });
        return result;
    }

    /**
     * What kept an export from going through: the transport's failure (refused, timed out), else an
     * error status from the receiver (the SDK's carrier of the status is internal to it).
     */
    static String describe(Throwable t) {
        if (t == null) return "the export failed";
        if (t.getCause() != null) return t.getCause().toString();
        return "the receiver answered with an error status (" + t.getClass().getSimpleName() + ")";
    }

    /** Records the receiver accepted. */
    long exported() {
        return exported.get();
    }

    /** Records lost: refused by the receiver, or never answered. */
    long failed() {
        return failed.get();
    }

    /** Records whose export has not been answered yet (after a flush that timed out: lost too). */
    long unanswered() {
        return inFlight.get();
    }

    /** Why the last failed export failed, or null. */
    String lastFailure() {
        return lastFailure;
    }

    @Override
    public CompletableResultCode flush() {
        return next.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return next.shutdown();
    }
}
