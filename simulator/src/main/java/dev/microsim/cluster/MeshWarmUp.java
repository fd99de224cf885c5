package dev.microsim.cluster;

import dev.microsim.model.scenario.EndpointId;
import dev.microsim.model.scenario.Scenario;
import dev.microsim.model.scenario.Service;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Warms a freshly started mesh of pods before its run: every pod is its own JVM that starts cold
 * (interpreted code, nothing compiled), and a cold pod answers its first calls so slowly that the
 * scenario's call timeouts fail them, errors local mode (one JVM, warm after its first requests)
 * never shows. Requests go to every endpoint of every service through the services' addresses (as
 * the load and the callers reach them), in rounds, from a few threads at once, until the answers
 * are steady (three windows in a row with medians within 25 % of each other and no more errors than
 * the best window had)
 * or {@code max} has passed. The run's clock, its load and its fault schedule start after it, and
 * what the pods record during it is not part of the dataset.
 */
public final class MeshWarmUp {
    /** How long one window of answers is: steadiness is judged over windows, not single requests. */
    static final Duration WINDOW = Duration.ofSeconds(1);
    static final int WORKERS = 6;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** What the warm-up did: requests sent, how many failed, how long it took, whether it ended steady, the first and last window's median. */
    public record Result(int requests, int errors, Duration took, boolean steady, double firstMedianMillis, double lastMedianMillis) {
        public String describe() {
            return String.format(java.util.Locale.ROOT, "%d requests (%d failed) in %.1f s, %s; median answer %.1f ms in its first second, %.1f ms in its last",
                    requests, errors, took.toMillis() / 1000.0, steady ? "steady at the end" : "not yet steady when its time was up",
                    firstMedianMillis, lastMedianMillis);
        }
    }

    private MeshWarmUp() {}

    /**
     * @param addresses each service's address port on 127.0.0.1
     * @param min the least time to warm for (the JIT compiles in the background after the first answers)
     * @param max the most
     */
    public static Result run(Scenario scenario, Map<String, Integer> addresses, Duration min, Duration max, Consumer<String> progress)
            throws InterruptedException {
        List<URI> targets = new ArrayList<>();
        List<String> methods = new ArrayList<>();
        for (Service s : scenario.services().values()) {
            for (EndpointId e : s.endpoints().keySet()) {
                targets.add(URI.create("http://127.0.0.1:" + addresses.get(s.name()) + e.path()));
                methods.add(e.method());
            }
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(REQUEST_TIMEOUT).build();
        Windows windows = new Windows(System.nanoTime());
        AtomicInteger next = new AtomicInteger();
        long deadline = System.nanoTime() + max.toNanos();
        long earliest = System.nanoTime() + min.toNanos();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            Thread t = new Thread(() -> {
                while (!stop.get() && System.nanoTime() < deadline) {
                    int i = Math.floorMod(next.getAndIncrement(), targets.size());
                    long t0 = System.nanoTime();
                    boolean ok;
                    try {
                        HttpResponse<Void> r = client.send(HttpRequest.newBuilder(targets.get(i)).timeout(REQUEST_TIMEOUT)
                                .method(methods.get(i), HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
                        ok = r.statusCode() < 500;
                    } catch (java.io.IOException e) {
                        ok = false;
                    } catch (InterruptedException e) {
                        return;
                    }
                    windows.add(t0, System.nanoTime(), ok);
                }
            }, "microsim-warm-up-" + w);
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
        try {
            while (System.nanoTime() < deadline) {
                Thread.sleep(100);
                if (System.nanoTime() >= earliest && windows.steady()) break;
            }
        } finally {
            stop.set(true);
            for (Thread t : workers) t.interrupt();
            for (Thread t : workers) t.join(REQUEST_TIMEOUT.toMillis());
        }
        Result r = windows.result(System.nanoTime());
        progress.accept("microsim: warm-up: " + r.describe());
        return r;
    }

    /** Answers per window of {@link #WINDOW}, by when they ended. */
    static final class Windows {
        private final long start;
        private final List<List<Double>> millis = new ArrayList<>();
        private final List<Integer> errors = new ArrayList<>();
        private int requests;
        private int failed;

        Windows(long startNanos) {
            this.start = startNanos;
        }

        synchronized void add(long sentNanos, long endedNanos, boolean ok) {
            int w = (int) ((endedNanos - start) / WINDOW.toNanos());
            while (millis.size() <= w) {
                millis.add(new ArrayList<>());
                errors.add(0);
            }
            millis.get(w).add((endedNanos - sentNanos) / 1e6);
            requests++;
            if (!ok) {
                errors.set(w, errors.get(w) + 1);
                failed++;
            }
        }

        /**
         * The last three complete windows: answers in each, medians within 25 % of each other, and errors
         * no more frequent than in the best window so far (plus 2 points): a scenario's own error
         * probability stays, the cold pods' timeouts must be gone.
         */
        synchronized boolean steady() {
            int complete = millis.size() - 1; // the last window is still filling
            if (complete < 3) return false;
            double best = 1;
            for (int w = 0; w < complete; w++) if (!millis.get(w).isEmpty()) best = Math.min(best, errors.get(w) / (double) millis.get(w).size());
            double lo = Double.MAX_VALUE;
            double hi = 0;
            for (int w = complete - 3; w < complete; w++) {
                if (millis.get(w).isEmpty() || errors.get(w) / (double) millis.get(w).size() > best + 0.02) return false;
                double m = median(millis.get(w));
                lo = Math.min(lo, m);
                hi = Math.max(hi, m);
            }
            return hi <= lo * 1.25;
        }

        synchronized Result result(long nowNanos) {
            double first = Double.NaN;
            double last = Double.NaN;
            for (List<Double> w : millis) {
                if (w.isEmpty()) continue;
                if (Double.isNaN(first)) first = median(w);
                last = median(w);
            }
            return new Result(requests, failed, Duration.ofNanos(nowNanos - start), steady(), first, last);
        }

        static double median(List<Double> v) {
            List<Double> s = new ArrayList<>(v);
            s.sort(null);
            return s.get(s.size() / 2);
        }
    }
}
