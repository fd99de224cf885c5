package dev.microsim.load.bench;

import dev.microsim.load.ClientStats;
import dev.microsim.load.GatlingLoadRunner;
import dev.microsim.load.LoadPlan;
import dev.microsim.load.LoadResult;
import dev.microsim.model.scenario.EndpointRef;
import dev.microsim.model.scenario.LoadProfile;
import dev.microsim.model.scenario.LoadSpec;
import dev.microsim.model.units.Rate;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Highest sustained open-model rate of the embedded Gatling runner against a trivial loopback
 * server, next to wrk's closed-loop maximum against the same server in the same run.
 *
 * <p>The server runs in its own JVM. wrk runs first ({@code -t1 -c32}, 10s). Then Gatling is
 * driven at constant rates rising by 1.25x (8s each, after two unmeasured warm-up runs) until a rate
 * is not sustained: a rate is sustained when at least 99.5% of the planned requests complete
 * within the run, without errors, and the median of the per-second p99 latencies (first two
 * seconds excluded: each Gatling run starts a fresh HTTP engine and connection pool) stays under
 * 50ms, i.e. requests are not queueing. The median rather than the worst
 * second so that one GC pause or a neighbour's build on this shared 2-core machine does not decide.
 * Run it with load/bench/open-rate.sh.
 */
public final class OpenRateBenchmark {
    private static final Pattern WRK_RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

    private OpenRateBenchmark() {}

    public static void main(String[] args) throws Exception {
        double startRate = args.length > 0 ? Double.parseDouble(args[0]) : 1000;
        Duration step = Duration.ofSeconds(8);
        Path portFile = Files.createTempFile("microsim-bench-port", "");
        Files.delete(portFile);
        Process server = startServer(portFile);
        try {
            String url = "http://127.0.0.1:" + awaitPort(server, portFile) + "/";
            System.out.println("server: trivial Vert.x on " + url + " (own JVM)");
            double wrk = wrk(url);
            System.out.printf(Locale.ROOT, "wrk -t1 -c32 -d10s: %.0f requests/s (closed loop, as fast as answers come)%n", wrk);

            // One unmeasured run first: a cold JVM spends its first seconds compiling Gatling's HTTP stack.
            for (double warmRate : new double[] {startRate / 2, startRate}) {
                Verdict warm = gatling(url, warmRate, step);
                System.out.printf(Locale.ROOT, "gatling warm-up %.0f/s for %s: sent %d (not measured)%n", warmRate, step.toSeconds() + "s", warm.requests);
            }
            double best = 0;
            for (double rate = startRate; ; rate = Math.round(rate * 1.25)) {
                Verdict v = gatling(url, rate, step);
                System.out.printf(Locale.ROOT, "gatling open %6.0f/s for %s: sent %d, slowest second %.0f/s, median p99 %.1fms, errors %d -> %s%n",
                        rate, step.toSeconds() + "s", v.requests, v.worstRate, v.medianP99, v.errors, v.sustained ? "sustained" : "NOT sustained");
                if (!v.sustained) break;
                best = rate;
            }
            System.out.printf(Locale.ROOT, "highest sustained open-model rate: %.0f/s; wrk: %.0f/s; ratio gatling/wrk = %.2f%n", best, wrk, best / wrk);
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private record Verdict(boolean sustained, long requests, long errors, double worstRate, double medianP99) {}

    private static Verdict gatling(String url, double rate, Duration length) throws InterruptedException {
        EndpointRef ref = EndpointRef.parse("bench GET /");
        Duration interval = Duration.ofSeconds(1);
        LoadPlan plan = new LoadPlan(List.of(LoadSpec.of("bench", new LoadProfile.Constant(Rate.perSecond(rate)), ref)), r -> URI.create(url),
                length, 1, interval);
        List<ClientStats> seen = new CopyOnWriteArrayList<>();
        LoadResult result = new GatlingLoadRunner().run(plan, seen::add);
        if (System.getenv("BENCH_VERBOSE") != null) seen.forEach(System.out::println);
        List<ClientStats> steady = seen.size() > 3 ? seen.subList(2, Math.min(seen.size(), (int) length.toSeconds())) : seen;
        double worstRate = steady.stream().mapToDouble(s -> s.requests() / (interval.toNanos() / 1e9)).min().orElse(0);
        double[] p99s = steady.stream().mapToDouble(ClientStats::p99Millis).filter(d -> !Double.isNaN(d)).sorted().toArray();
        double medianP99 = p99s.length == 0 ? Double.NaN : p99s[p99s.length / 2];
        boolean sustained = result.errors() == 0 && medianP99 < 50 && result.requests() >= Math.round(rate * length.toSeconds()) * 0.995;
        return new Verdict(sustained, result.requests(), result.errors(), worstRate, medianP99);
    }

    private static double wrk(String url) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("wrk", "-t1", "-c32", "-d10s", url).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException("wrk failed: " + out);
        Matcher m = WRK_RATE.matcher(out);
        if (!m.find()) throw new IllegalStateException("no Requests/sec in wrk's output: " + out);
        return Double.parseDouble(m.group(1));
    }

    private static Process startServer(Path portFile) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), TrivialServer.class.getName(), portFile.toString()));
        return new ProcessBuilder(cmd).inheritIO().start();
    }

    private static int awaitPort(Process server, Path file) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(file)) {
            if (!server.isAlive()) throw new IllegalStateException("the server process exited with " + server.exitValue());
            if (System.nanoTime() > deadline) throw new IllegalStateException("the server did not start within 30s");
            Thread.sleep(50);
        }
        int port = Integer.parseInt(Files.readString(file).trim());
        Files.delete(file);
        return port;
    }
}
