package dev.microsim.durability;

import dev.microsim.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** {@code microsim run} in a child JVM that a test can kill like a user would (SIGKILL, SIGTERM). */
final class ChildRun {
    private ChildRun() {}

    static Process start(Path work, String scenarioYaml, Path out, String... extra) throws IOException {
        Path scenario = Files.writeString(work.resolve("scenario.yaml"), scenarioYaml);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", scenario.toString(), "--out", out.toString(), "--load", "builtin", "--no-progress"));
        cmd.addAll(List.of(extra));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(work.resolve("child.log").toFile()).start();
    }

    /** Waits (bounded) for {@code condition} while the child lives; fails with its log if it never holds. */
    static void await(Process p, Path work, long seconds, String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (condition.getAsBoolean()) return;
            Thread.sleep(50);
        }
        if (condition.getAsBoolean()) return;
        throw new AssertionError("the child never got to: " + what + "; log:\n" + log(work));
    }

    static String log(Path work) throws IOException {
        return Files.readString(work.resolve("child.log"));
    }

    /** Lines of metrics.csv after the header, as a reader would find them now. */
    static List<String> metricRows(Path ds) {
        try {
            List<String> lines = Files.readAllLines(ds.resolve("metrics.csv"));
            return lines.subList(Math.min(1, lines.size()), lines.size());
        } catch (IOException e) {
            return List.of();
        }
    }
}
