package dev.microsim.bench;

import dev.microsim.cli.Main;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code microsim serve} against local mode, side by side (issue 14's goals: serve starts in under
 * 2 s and answers its readiness probe; its throughput per core is within 20 % of the same service
 * in local mode).
 *
 * <p>Start-up: wall time from launching the serve JVM until {@code /q/health/ready} answers 200
 * (polled every 10 ms), over several launches. Throughput: one service (one endpoint, one 1 ms
 * {@code io} step, so the runtime's own overhead is what costs CPU) hosted once by {@code serve}
 * and once by local mode's {@code LocalMesh}, each in its own JVM with the same flags (one
 * processor, {@code -XX:ActiveProcessorCount=1}: a one-core pod), driven by the same closed-loop
 * client in this JVM, after a warm-up, in three rounds that alternate which side goes first. Per core = answered requests per CPU-second of the
 * server's process (user + system time from /proc), so the noisy shared machine's steal moves
 * both sides alike.
 *
 * <pre>
 * ./mvnw -q -B -pl simulator -am package -DskipTests
 * java -cp "simulator/target/test-classes:simulator/target/classes:simulator/target/lib/*" dev.microsim.bench.ServeBench [launches] [seconds] [concurrency]
 * </pre>
 */
public final class ServeBench {
    static final String SCENARIO = """
            version: 1
            name: serve-bench
            duration: 60s
            services:
              svc:
                endpoints:
                  GET /x:
                    steps:
                      - io: 1ms
            load:
              - {profile: constant, rate: 10/s, target: svc GET /x}
            """;
    static final String TOKEN = "serve-bench-token-0123456789";
    static final Pattern SERVE_READY = Pattern.compile("service http://[^:]+:(\\d+), control http://[^:]+:(\\d+)");
    static final Pattern LOCAL_READY = Pattern.compile("port (\\d+)");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    record Child(Process process, int port, int control) {}

    public static void main(String[] args) throws Exception {
        int launches = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 10;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        Path dir = Files.createTempDirectory("serve-bench");
        Path scenario = dir.resolve("serve-bench.yaml");
        Files.writeString(scenario, SCENARIO);
        System.out.printf("load average at start: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());

        long[] startMillis = new long[launches];
        for (int i = 0; i < launches; i++) {
            long t0 = System.nanoTime();
            Child c = serve(scenario, dir, i);
            awaitReady(c.control());
            startMillis[i] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            stop(c.process());
            System.out.printf("launch %d: serve answered its readiness probe %d ms after the JVM was launched%n", i + 1, startMillis[i]);
        }
        long[] sorted = startMillis.clone();
        Arrays.sort(sorted);
        System.out.printf("start-up to ready: median %d ms, min %d, max %d (goal < 2000 ms)%n", sorted[launches / 2], sorted[0], sorted[launches - 1]);

        Child serve = serve(scenario, dir, launches);
        awaitReady(serve.control());
        Child local = local(scenario, dir);
        try {
            List<String> serveUrl = List.of("http://127.0.0.1:" + serve.port() + "/x");
            List<String> localUrl = List.of("http://127.0.0.1:" + local.port() + "/x");
            System.out.println("warm-up (the JIT of a one-processor JVM is slow)...");
            for (int i = 0; i < 2; i++) {
                ClosedLoopDriver.run(serveUrl, concurrency, 3000);
                ClosedLoopDriver.run(localUrl, concurrency, 3000);
            }
            List<Double> ratios = new ArrayList<>();
            for (int round = 1; round <= 3; round++) {
                // Alternate which side goes first, so neither always runs on a machine the other just heated.
                double s;
                double l;
                if (round % 2 == 1) {
                    s = perCore("serve", serve.process(), serveUrl, concurrency, seconds, round);
                    l = perCore("local", local.process(), localUrl, concurrency, seconds, round);
                } else {
                    l = perCore("local", local.process(), localUrl, concurrency, seconds, round);
                    s = perCore("serve", serve.process(), serveUrl, concurrency, seconds, round);
                }
                ratios.add(s / l);
                System.out.printf("round %d: serve/local per core %.2f%n", round, s / l);
            }
            System.out.printf("serve/local throughput per core: %s (goal >= 0.80)%n", ratios.stream().map(r -> String.format("%.2f", r)).toList());
        } finally {
            stop(serve.process());
            stop(local.process());
        }
        System.out.printf("load average at end: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
    }

    /** Requests per CPU-second of {@code server}'s process during one closed-loop round. */
    static double perCore(String name, Process server, List<String> urls, int concurrency, long seconds, int round) throws Exception {
        double cpu0 = cpuSeconds(server.pid());
        var r = ClosedLoopDriver.run(urls, concurrency, seconds * 1000);
        double cpu = cpuSeconds(server.pid()) - cpu0;
        double perCore = r.ok() / cpu;
        System.out.printf("round %d %-5s: %.0f rps (%d failed), server CPU %.2f s in %.1f s, %.0f requests per CPU-second%n",
                round, name, r.rps(), r.failed(), cpu, r.seconds(), perCore);
        return perCore;
    }

    /** utime + stime of a process, from /proc/PID/stat (clock ticks, 100 per second on Linux). */
    static double cpuSeconds(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    static Child serve(Path scenario, Path dir, int n) throws Exception {
        Process p = launch(dir.resolve("serve-" + n + ".log"), Main.class.getName(), "serve", "--scenario", scenario.toString(), "--service", "svc",
                "--port", "0", "--control-port", "0");
        Matcher m = await(p, dir.resolve("serve-" + n + ".log"), SERVE_READY);
        return new Child(p, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    static Child local(Path scenario, Path dir) throws Exception {
        Process p = launch(dir.resolve("local.log"), LocalServiceHost.class.getName(), scenario.toString(), "svc GET /x");
        Matcher m = await(p, dir.resolve("local.log"), LOCAL_READY);
        return new Child(p, Integer.parseInt(m.group(1)), 0);
    }

    static Process launch(Path log, String mainClass, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:ActiveProcessorCount=1", "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("MICROSIM_CONTROL_TOKEN", TOKEN);
        return pb.start();
    }

    static Matcher await(Process p, Path log, Pattern ready) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && p.isAlive()) {
            Matcher m = ready.matcher(Files.readString(log));
            if (m.find()) return m;
            Thread.sleep(5);
        }
        throw new IllegalStateException("no ready line from " + log + ":\n" + Files.readString(log));
    }

    static void awaitReady(int controlPort) throws Exception {
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPort + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("the readiness probe on port " + controlPort + " never answered 200");
    }

    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly();
    }
}
