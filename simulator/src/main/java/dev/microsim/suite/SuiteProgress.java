package dev.microsim.suite;

import dev.microsim.run.RunProgress;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * One progress bar over a whole suite, in cases: finished cases count whole, running ones by how
 * far their run has got (so a long live case moves the bar too), with the failures and the running
 * cases beside it. On a terminal it is a redrawn bar; in a pipe or a CI log, a line per finished
 * case and a summary line every 30 s of wall time; with {@code quiet}, failures only.
 */
final class SuiteProgress implements SuiteRunner.Progress, SessionCaseRunner.Listener, AutoCloseable {
    private static final int UNIT = 1000;
    private static final long LINE_EVERY_NANOS = 30_000_000_000L;

    private final PrintWriter out;
    private final boolean terminal;
    private final boolean quiet;
    private final Map<String, Double> running = new ConcurrentHashMap<>();
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile int total;
    private volatile ProgressBar bar;
    private volatile long started = System.nanoTime();
    private volatile int finishedAtStart;
    private long lastLine = System.nanoTime();

    SuiteProgress(PrintWriter out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
        this.terminal = System.console() != null && !quiet;
    }

    @Override
    public void started(int total, int alreadyDone) {
        this.total = total;
        finished.set(alreadyDone);
        finishedAtStart = alreadyDone;
        started = System.nanoTime();
        line("suite: " + total + " cases, " + alreadyDone + " already done, " + (total - alreadyDone) + " to run");
        if (terminal && total > alreadyDone) {
            bar = new ProgressBarBuilder().setTaskName("suite").setInitialMax((long) total * UNIT).setUnit(" cases", UNIT)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).startsFrom((long) alreadyDone * UNIT, Duration.ZERO)
                    .build();
        }
    }

    @Override
    public void caseStarted(SuiteCase c, int attempt) {
        running.put(c.id(), 0.0);
        redraw();
    }

    @Override
    public void progress(SuiteCase c, RunProgress p) {
        running.computeIfPresent(c.id(), (id, before) -> p.fraction());
        redraw();
    }

    @Override
    public void caseFinished(SuiteCase c, boolean complete, String detail) {
        running.remove(c.id());
        int n = finished.incrementAndGet();
        if (!complete) {
            failed.incrementAndGet();
        }
        String text = "suite: [" + n + "/" + total + "] " + c.id() + (complete ? " done" : " FAILED") + (detail.isEmpty() ? "" : " (" + detail + ")");
        if (!complete || (!terminal && !quiet)) {
            line(text);
        }
        redraw();
    }

    @Override
    public void message(String line) {
        line("suite: " + line);
    }

    /** Finished cases plus the running ones' fractions, in cases. */
    double done() {
        return finished.get() + running.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private void redraw() {
        ProgressBar b = bar;
        if (b != null) {
            b.stepTo(Math.round(done() * UNIT));
            b.setExtraMessage(" " + (failed.get() > 0 ? failed.get() + " failed, " : "") + running.size() + " running"
                    + (running.isEmpty() ? "" : ": " + running.keySet().stream().sorted().collect(Collectors.joining(", "))));
            return;
        }
        if (quiet || terminal) {
            return;
        }
        synchronized (this) {
            long now = System.nanoTime();
            if (now - lastLine < LINE_EVERY_NANOS) {
                return;
            }
            lastLine = now;
        }
        line(String.format(java.util.Locale.ROOT, "suite: %.1f of %d cases (%.0f%%), %d running, %d failed, %s", done(), total,
                total == 0 ? 100.0 : 100.0 * done() / total, running.size(), failed.get(), eta()));
    }

    /** Time left at the pace of this run so far (cases found finished do not count as pace). */
    private String eta() {
        double doneNow = done() - finishedAtStart;
        long elapsed = System.nanoTime() - started;
        if (doneNow <= 0.05) {
            return "time left unknown yet";
        }
        long left = (long) (elapsed / doneNow * (total - done()));
        return "about " + format(Duration.ofNanos(left)) + " left";
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%d h %02d min", s / 3600, s % 3600 / 60) : s >= 60 ? String.format("%d min %02d s", s / 60, s % 60) : s + " s";
    }

    private synchronized void line(String text) {
        // On a terminal the bar owns the last line: clear it first, it is redrawn at its next tick.
        out.println(bar != null ? "\r\033[K" + text : text);
        out.flush();
    }

    @Override
    public synchronized void close() {
        ProgressBar b = bar;
        bar = null; // closing twice would draw the bar again below the summary
        if (b != null) {
            b.close();
        }
    }
}
