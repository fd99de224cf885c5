package dev.microsim.detector.cli;

import dev.microsim.detector.pipeline.Progress;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** A progress bar on a terminal; otherwise a plain line every 5 s (CI logs, pipes); nothing when quiet. */
final class CliProgress implements Progress {

    private final PrintWriter out;
    private final boolean quiet;
    private final boolean terminal;
    private final AtomicLong done = new AtomicLong();
    private ProgressBar bar;
    private String task;
    private long total;
    private volatile long lastLine;

    CliProgress(PrintWriter out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
        this.terminal = System.console() != null && !quiet;
    }

    @Override
    public synchronized void begin(String task, long total) {
        this.task = task;
        this.total = total;
        done.set(0);
        lastLine = System.nanoTime();
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).build();
        }
    }

    @Override
    public void advance(long steps) {
        long now = done.addAndGet(steps);
        if (bar != null) {
            bar.stepTo(now);
        } else if (!quiet && System.nanoTime() - lastLine >= 5_000_000_000L) {
            synchronized (this) {
                lastLine = System.nanoTime();
                out.printf("microsim: %s %d of %d%n", task, now, total);
                out.flush();
            }
        }
    }

    @Override
    public synchronized void end() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
