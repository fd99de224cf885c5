package dev.microsim.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link FastSpeedBench} on two builds side by side: rounds alternate between classpath A (e.g. a
 * copy of main's classes) and B (this checkout), one JVM each, one after the other, so both see the
 * same machine within minutes of each other; prints every round with the load average beside it,
 * then the medians and B's speed-up over A, in wall time and per CPU second of the simulating thread
 * (which moves much less with the machine's load). On a shared machine only the ratios mean much.
 * Put B's test-classes first on A's classpath too, so both sides run the same bench code (the
 * bench uses only RunSession and FastRun, whose API the builds share).
 *
 * <pre>
 * # a baseline: main's build copied aside, before the change
 * mkdir -p /tmp/base &amp;&amp; cp -r simulator/target/classes simulator/target/test-classes /tmp/base/ &amp;&amp; cp simulator/target/lib/microsim-* /tmp/base/
 * # ... change, ./mvnw -q -B -pl simulator -am package -DskipTests, then:
 * LIB="simulator/target/lib/*"
 * java -cp simulator/target/test-classes dev.microsim.bench.FastSpeedAB "simulator/target/test-classes:/tmp/base/classes:/tmp/base/*:$LIB" \
 *     "simulator/target/test-classes:simulator/target/classes:$LIB" 3 [FastSpeedBench's arguments]
 * </pre>
 */
public final class FastSpeedAB {
    private static final Pattern RESULT = Pattern.compile("full traces (\\d+)x real time .* metrics only (\\d+)x");
    /** A case's line: its kind and its speed per CPU second of the simulating thread. */
    private static final Pattern CASE = Pattern.compile("^\\s+(traced|metrics) .*: (\\d+)x per CPU second");

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: FastSpeedAB CLASSPATH_A CLASSPATH_B ROUNDS [FastSpeedBench arguments]");
            System.exit(2);
        }
        String[] cp = {args[0], args[1]};
        int rounds = Integer.parseInt(args[2]);
        List<String> benchArgs = Arrays.asList(args).subList(3, args.length);
        List<List<double[]>> results = List.of(new ArrayList<>(), new ArrayList<>());
        for (int round = 1; round <= rounds; round++) {
            for (int side = 0; side < 2; side++) {
                String load = loadAverage();
                double[] r = run(cp[side], benchArgs);
                results.get(side).add(r);
                System.out.printf("round %d %s: traced %.0fx, metrics only %.0fx; per CPU second of the simulating thread %.0fx, %.0fx"
                        + " (load average before: %s)%n", round, side == 0 ? "A" : "B", r[0], r[1], r[2], r[3], load);
            }
        }
        double[] a = medians(results.get(0));
        double[] b = medians(results.get(1));
        System.out.printf("medians of %d rounds, wall: A traced %.0fx, metrics %.0fx; B traced %.0fx, metrics %.0fx; B/A traced %.2f, metrics %.2f%n",
                rounds, a[0], a[1], b[0], b[1], b[0] / a[0], b[1] / a[1]);
        System.out.printf("medians of %d rounds, per CPU second: A traced %.0fx, metrics %.0fx; B traced %.0fx, metrics %.0fx; B/A traced %.2f,"
                + " metrics %.2f (load average now: %s)%n", rounds, a[2], a[3], b[2], b[3], b[2] / a[2], b[3] / a[3], loadAverage());
    }

    private static double[] run(String classpath, List<String> benchArgs) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx4g", "-cp", classpath,
                FastSpeedBench.class.getName()));
        cmd.addAll(benchArgs);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        double[] found = null;
        double[] cpu = {Double.NaN, Double.NaN};
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                Matcher m = RESULT.matcher(line);
                if (m.find()) found = new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), cpu[0], cpu[1]};
                Matcher c = CASE.matcher(line);
                if (c.find()) cpu[c.group(1).equals("traced") ? 0 : 1] = Double.parseDouble(c.group(2)); // the measured run comes after its warm-up
            }
        }
        int rc = p.waitFor();
        if (rc != 0 || found == null) throw new IllegalStateException("FastSpeedBench on " + classpath + " exited " + rc + " without a result line");
        return found;
    }

    private static double[] medians(List<double[]> rows) {
        double[] m = new double[4];
        for (int k = 0; k < 4; k++) {
            int col = k;
            double[] v = rows.stream().mapToDouble(r -> r[col]).sorted().toArray();
            m[k] = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
        return m;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
