package dev.microsim.cli;

import dev.microsim.run.RunListener;
import dev.microsim.run.RunProgress;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * What {@code microsim run} shows while a session runs: its messages, and a progress bar on a
 * terminal or a plain line every 5 s of wall time otherwise (CI logs, pipes). When run time passes
 * faster than wall time (fast mode) the line says both and the speed-up.
 */
final class ProgressDisplay implements RunListener, AutoCloseable {
    private final PrintWriter out;
    private final me.tongfei.progressbar.ProgressBar bar;
    private final boolean quiet;
    private long lastLine;
    private final Rate rate = new Rate();

    ProgressDisplay(PrintWriter out, Duration total, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
        boolean terminal = System.console() != null && !quiet;
        this.bar = terminal ? new me.tongfei.progressbar.ProgressBarBuilder().setTaskName("run").setInitialMax(total.toSeconds())
                .setUnit("s", 1).showSpeed().build() : null;
    }

    @Override
    public synchronized void message(String line) {
        out.println(line);
        out.flush();
    }

    @Override
    public synchronized void progress(RunProgress p) {
        double rps = rate.update(p.elapsed().toNanos(), p.clientRequests());
        long requests = p.clientRequests();
        String extra = String.format("%.0f rps, %.2f%% errors%s", rps, requests == 0 ? 0.0 : 100.0 * p.clientErrors() / requests,
                p.dropped() > 0 ? ", " + p.dropped() + " dropped" : "");
        boolean virtual = p.speed() > 1.5;
        if (virtual) extra += String.format(", %.0fx real time", p.speed());
        if (bar != null) {
            bar.stepTo(Math.min(p.total().toSeconds(), p.elapsed().toSeconds()));
            bar.setExtraMessage(" " + extra);
        } else if (!quiet && p.wall().toNanos() - lastLine >= 5_000_000_000L) {
            lastLine = p.wall().toNanos();
            long left = Math.max(0, p.total().minus(p.elapsed()).toSeconds());
            if (virtual) {
                out.printf("microsim: %ds of %ds simulated in %ds wall, %s%n", p.elapsed().toSeconds(), p.total().toSeconds(),
                        p.wall().toSeconds(), extra);
            } else {
                out.printf("microsim: %ds elapsed, %ds left, %s%n", p.elapsed().toSeconds(), left, extra);
            }
            out.flush();
        }
    }

    /**
     * Requests per second over the last few updates of the count. The client count moves once per
     * stats interval, so a rate over fixed one-second windows of progress calls saw zero, one or two
     * intervals' worth (16-32 rps for a steady 20/s); between the moments the count moved it is steady.
     */
    static final class Rate {
        private static final int SPAN = 5;
        private final java.util.ArrayDeque<long[]> changes = new java.util.ArrayDeque<>();
        private long last = -1;

        double update(long elapsedNanos, long requests) {
            if (requests != last) {
                last = requests;
                changes.addLast(new long[] {elapsedNanos, requests});
                if (changes.size() > SPAN + 1) changes.removeFirst();
            }
            if (changes.size() < 2) return 0;
            long[] first = changes.peekFirst();
            long[] newest = changes.peekLast();
            return newest[0] == first[0] ? 0 : (newest[1] - first[1]) * 1e9 / (newest[0] - first[0]);
        }
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
