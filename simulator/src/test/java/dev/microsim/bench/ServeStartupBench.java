package dev.microsim.bench;

import dev.microsim.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * {@code microsim serve} start-up, launch to a 200 from {@code /q/health/ready}, under JVM flag sets
 * side by side (issue 14's goal: under 2 s): the whole command tree built first (how serve started
 * before it got its own path in {@code Main}), the default, C1 only
 * ({@code -XX:TieredStopAtLevel=1}), an AppCDS archive of the classes serve loads
 * ({@code -XX:SharedArchiveFile}, dumped once by a serve run with {@code -XX:ArchiveClassesAtExit}),
 * and both; plus the floor, a bare {@code java -version}. Launches are interleaved (one of each
 * variant per round) so the shared machine's load moves all variants alike. The classpath is the
 * packaged jar and its libraries, as the launcher and the image use (CDS archives only classes from jars).
 *
 * <pre>
 * ./mvnw -q -B -pl simulator -am package -DskipTests
 * java -cp "simulator/target/test-classes:simulator/target/classes:simulator/target/lib/*" dev.microsim.bench.ServeStartupBench [rounds]
 * </pre>
 */
public final class ServeStartupBench {
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path dir = Files.createTempDirectory("serve-startup");
        Path scenario = dir.resolve("serve-bench.yaml");
        Files.writeString(scenario, ServeBench.SCENARIO);
        String cp = packagedClasspath();
        Path jsa = dir.resolve("serve.jsa");
        System.out.printf("load average at start: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
        // The archive: one serve run that dumps the classes it loaded when it exits (SIGTERM: a normal exit).
        time(dir, cp, List.of("-XX:ArchiveClassesAtExit=" + jsa), scenario, "dump");
        if (!Files.exists(jsa)) throw new IllegalStateException("no AppCDS archive was written at " + jsa);
        System.out.printf("AppCDS archive: %d MiB%n", Files.size(jsa) >> 20);

        Map<String, List<String>> variants = new LinkedHashMap<>();
        variants.put("full command tree", List.of(FULL_TREE));
        variants.put("default", List.of());
        variants.put("C1 only", List.of("-XX:TieredStopAtLevel=1"));
        variants.put("AppCDS", List.of("-XX:SharedArchiveFile=" + jsa));
        variants.put("AppCDS + C1 + SerialGC", List.of("-XX:SharedArchiveFile=" + jsa, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        // The Quarkus pod runtime (module serve), when it is built: the same PodRuntime under Quarkus, with and without its own archive.
        Path quarkus = Path.of("serve/target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        if (Files.exists(quarkus)) {
            Path qjsa = dir.resolve("quarkus.jsa");
            time(dir, cp, List.of(QUARKUS, "-XX:ArchiveClassesAtExit=" + qjsa), scenario, "dump-quarkus");
            variants.put("Quarkus", List.of(QUARKUS));
            if (Files.exists(qjsa)) variants.put("Quarkus + AppCDS", List.of(QUARKUS, "-XX:SharedArchiveFile=" + qjsa));
        } else {
            System.out.println("(no serve/target/quarkus-app/quarkus-run.jar: ./mvnw -pl serve -am package -DskipTests adds the Quarkus variants)");
        }
        Map<String, long[]> millis = new LinkedHashMap<>();
        variants.keySet().forEach(v -> millis.put(v, new long[rounds]));
        long[] floor = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            floor[r] = javaVersion();
            for (var v : variants.entrySet()) millis.get(v.getKey())[r] = time(dir, cp, v.getValue(), scenario, v.getKey() + "-" + r);
            int round = r;
            System.out.printf("round %d: java -version %d ms; %s%n", r + 1, floor[r],
                    String.join(", ", variants.keySet().stream().map(k -> k + " " + millis.get(k)[round] + " ms").toList()));
        }
        System.out.printf("%-26s %8s %8s %8s%n", "launch to ready (ms)", "median", "min", "max");
        System.out.printf("%-26s %8d %8d %8d%n", "java -version (floor)", median(floor), min(floor), max(floor));
        for (var e : millis.entrySet()) System.out.printf("%-26s %8d %8d %8d%n", e.getKey(), median(e.getValue()), min(e.getValue()), max(e.getValue()));
        System.out.printf("load average at end: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
    }

    /** Not a JVM flag: the variant that starts through the whole command tree ({@link FullTreeMain}), as serve did before. */
    static final String FULL_TREE = "full-tree";
    /** Not a JVM flag: the variant that starts the Quarkus application of module serve. */
    static final String QUARKUS = "quarkus";

    static String testClasses() {
        return Path.of("simulator/target/test-classes").toAbsolutePath().toString();
    }

    /** Launch to ready, one serve JVM with {@code flags} (the pods' heap and one processor, as ServeBench). */
    static long time(Path dir, String cp, List<String> flags, Path scenario, String name) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:ActiveProcessorCount=1"));
        boolean fullTree = flags.contains(FULL_TREE);
        cmd.addAll(flags.stream().filter(f -> !f.equals(FULL_TREE) && !f.equals(QUARKUS)).toList());
        if (flags.contains(QUARKUS)) {
            cmd.addAll(List.of("--add-opens=java.base/java.lang=ALL-UNNAMED", "-jar", Path.of("serve/target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString()));
        } else {
            cmd.addAll(List.of("-cp", fullTree ? cp + ":" + testClasses() : cp, fullTree ? FullTreeMain.class.getName() : Main.class.getName()));
        }
        cmd.addAll(List.of("serve", "--scenario", scenario.toString(), "--service", "svc", "--port", "0", "--control-port", "0"));
        Path log = dir.resolve(name.replace(' ', '_').replace('+', '_') + ".log");
        long t0 = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("MICROSIM_CONTROL_TOKEN", ServeBench.TOKEN);
        Process p = pb.start();
        try {
            Matcher m = ServeBench.await(p, log, ServeBench.SERVE_READY);
            ServeBench.awaitReady(Integer.parseInt(m.group(2)));
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        } finally {
            ServeBench.stop(p);
        }
    }

    static long javaVersion() throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    /** simulator/target/microsim-simulator-*.jar and every jar of simulator/target/lib, sorted: the same path on every launch. */
    static String packagedClasspath() throws Exception {
        Path target = Path.of("simulator/target");
        List<String> parts = new ArrayList<>();
        try (Stream<Path> s = Files.list(target)) {
            s.filter(f -> f.getFileName().toString().matches("microsim-simulator-.*\\.jar")).forEach(f -> parts.add(f.toAbsolutePath().toString()));
        }
        if (parts.isEmpty()) throw new IllegalStateException("no simulator/target/microsim-simulator-*.jar: run ./mvnw -pl simulator -am package -DskipTests first");
        try (Stream<Path> s = Files.list(target.resolve("lib"))) {
            s.map(f -> f.toAbsolutePath().toString()).filter(f -> f.endsWith(".jar")).sorted().forEach(parts::add);
        }
        return String.join(":", parts);
    }

    static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    static long min(long[] v) {
        return Arrays.stream(v).min().orElse(0);
    }

    static long max(long[] v) {
        return Arrays.stream(v).max().orElse(0);
    }
}
