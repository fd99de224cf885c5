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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code microsim serve} against local mode, side by side (issue 14's goals: serve starts in under
 * 2 s and answers its readiness probe; its throughput per core is within 20 % of the same service
 * in local mode), for each way serve runs: the plain serve (the CLI's classpath, its own Vert.x),
 * the Quarkus application of module serve ({@code java -jar serve/target/quarkus-app/quarkus-run.jar
 * serve}, what pods mode and the image run), and that with an AppCDS archive (dumped first by one
 * Quarkus serve run with {@code -XX:ArchiveClassesAtExit}: start, ready, a few seconds of requests,
 * SIGTERM). The Quarkus variants are left out, saying so, when the jar is not built.
 *
 * <p>Start-up: wall time from launching the serve JVM until {@code /q/health/ready} answers 200
 * (polled every 10 ms), one launch of each variant per round, interleaved so the machine's load
 * moves them alike. Throughput: one service (one endpoint, one 1 ms {@code io} step, so the
 * runtime's own overhead is what costs CPU) hosted by each serve variant and by local mode's
 * {@code LocalMesh}, each in its own JVM with the same flags ({@code -XX:ActiveProcessorCount=1}: a
 * one-core pod), driven by the same closed-loop client in this JVM, after a warm-up, in three rounds
 * that rotate which side goes first. Per core = answered requests per CPU-second of the server's
 * process (user + system time from /proc), so the shared machine's steal moves every side alike.
 *
 * <pre>
 * ./mvnw -q -B -pl serve -am package -DskipTests
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
    static final Path QUARKUS_JAR = Path.of("serve/target/quarkus-app/quarkus-run.jar").toAbsolutePath();

    record Child(Process process, int port, int control) {}

    /** One way to launch serve: its JVM flags and how the program is named (classpath + main, or -jar). */
    record Variant(String name, List<String> launch) {}

    public static void main(String[] args) throws Exception {
        int launches = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 10;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        Path dir = Files.createTempDirectory("serve-bench");
        Path scenario = dir.resolve("serve-bench.yaml");
        Files.writeString(scenario, SCENARIO);
        System.out.printf("load average at start: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());

        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("plain", List.of("-cp", System.getProperty("java.class.path"), Main.class.getName())));
        if (Files.exists(QUARKUS_JAR)) {
            List<String> quarkus = List.of("--add-opens=java.base/java.lang=ALL-UNNAMED", "-jar", QUARKUS_JAR.toString());
            variants.add(new Variant("quarkus", quarkus));
            Path jsa = dir.resolve("quarkus.jsa");
            dumpArchive(scenario, dir, jsa, quarkus, concurrency);
            List<String> withCds = new ArrayList<>(List.of("-XX:SharedArchiveFile=" + jsa));
            withCds.addAll(quarkus);
            variants.add(new Variant("quarkus+cds", withCds));
        } else {
            System.out.println("(no " + QUARKUS_JAR + ": ./mvnw -pl serve -am package -DskipTests adds the Quarkus variants)");
        }

        Map<String, long[]> startMillis = new LinkedHashMap<>();
        for (Variant v : variants) startMillis.put(v.name(), new long[launches]);
        for (int i = 0; i < launches; i++) {
            List<String> line = new ArrayList<>();
            for (Variant v : variants) {
                long t0 = System.nanoTime();
                Child c = serve(scenario, dir, v, "start-" + i);
                awaitReady(c.control());
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                stop(c.process());
                startMillis.get(v.name())[i] = ms;
                line.add(v.name() + " " + ms + " ms");
            }
            System.out.printf("launch %d, launch to ready: %s%n", i + 1, String.join(", ", line));
        }
        for (var e : startMillis.entrySet()) {
            long[] sorted = e.getValue().clone();
            Arrays.sort(sorted);
            System.out.printf("start-up to ready, %-12s median %5d ms, min %5d, max %5d (goal < 2000 ms)%n", e.getKey() + ":", sorted[launches / 2], sorted[0],
                    sorted[launches - 1]);
        }

        Map<String, Child> hosts = new LinkedHashMap<>();
        try {
            hosts.put("local", local(scenario, dir));
            for (Variant v : variants) {
                Child c = serve(scenario, dir, v, "throughput");
                awaitReady(c.control());
                hosts.put(v.name(), c);
            }
            Map<String, List<String>> urls = new LinkedHashMap<>();
            hosts.forEach((name, c) -> urls.put(name, List.of("http://127.0.0.1:" + c.port() + "/x")));
            System.out.println("warm-up (the JIT of a one-processor JVM is slow)...");
            for (int i = 0; i < 2; i++) {
                for (List<String> u : urls.values()) ClosedLoopDriver.run(u, concurrency, 3000);
            }
            List<String> sides = new ArrayList<>(hosts.keySet());
            Map<String, List<String>> ratios = new LinkedHashMap<>();
            for (Variant v : variants) ratios.put(v.name(), new ArrayList<>());
            for (int round = 1; round <= 3; round++) {
                // Rotate which side goes first, so none always runs on a machine another just heated.
                Map<String, Double> perCore = new LinkedHashMap<>();
                for (int k = 0; k < sides.size(); k++) {
                    String side = sides.get((k + round - 1) % sides.size());
                    perCore.put(side, perCore(side, hosts.get(side).process(), urls.get(side), concurrency, seconds, round));
                }
                List<String> line = new ArrayList<>();
                for (Variant v : variants) {
                    double r = perCore.get(v.name()) / perCore.get("local");
                    ratios.get(v.name()).add(String.format("%.2f", r));
                    line.add(v.name() + "/local " + String.format("%.2f", r));
                }
                System.out.printf("round %d: per core %s%n", round, String.join(", ", line));
            }
            ratios.forEach((name, r) -> System.out.printf("throughput per core, %-12s %s of local mode's (goal >= 0.80)%n", name + ":", r));
        } finally {
            for (Child c : hosts.values()) stop(c.process());
        }
        System.out.printf("load average at end: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
    }

    /** The archive: one Quarkus serve run that dumps the classes it loaded at its exit (SIGTERM is a normal exit), after it served. */
    static void dumpArchive(Path scenario, Path dir, Path jsa, List<String> quarkus, int concurrency) throws Exception {
        List<String> dump = new ArrayList<>(List.of("-XX:ArchiveClassesAtExit=" + jsa));
        dump.addAll(quarkus);
        Child c = serve(scenario, dir, new Variant("dump", dump), "dump");
        awaitReady(c.control());
        ClosedLoopDriver.run(List.of("http://127.0.0.1:" + c.port() + "/x"), concurrency, 2000);
        stop(c.process());
        if (!Files.exists(jsa)) throw new IllegalStateException("no AppCDS archive was written at " + jsa + ": " + Files.readString(dir.resolve("serve-dump-dump.log")));
        System.out.printf("AppCDS archive of the Quarkus serve: %d MiB%n", Files.size(jsa) >> 20);
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

    static Child serve(Path scenario, Path dir, Variant v, String what) throws Exception {
        Path log = dir.resolve("serve-" + v.name().replace('+', '_') + "-" + what + ".log");
        List<String> cmd = new ArrayList<>(v.launch());
        cmd.addAll(List.of("serve", "--scenario", scenario.toString(), "--service", "svc", "--port", "0", "--control-port", "0"));
        Process p = launch(log, cmd);
        Matcher m = await(p, log, SERVE_READY);
        return new Child(p, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    static Child local(Path scenario, Path dir) throws Exception {
        Process p = launch(dir.resolve("local.log"), List.of("-cp", System.getProperty("java.class.path"), LocalServiceHost.class.getName(), scenario.toString(), "svc GET /x"));
        Matcher m = await(p, dir.resolve("local.log"), LOCAL_READY);
        return new Child(p, Integer.parseInt(m.group(1)), 0);
    }

    /** A JVM with the bench's flags (a one-core pod's) and {@code program}: JVM options, then what to run and its arguments. */
    static Process launch(Path log, List<String> program) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:ActiveProcessorCount=1"));
        cmd.addAll(program);
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
