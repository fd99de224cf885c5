package dev.microsim.report.suite;

import dev.microsim.detector.dataset.MicroSimDatasetReader;
import dev.microsim.detector.export.DatasetExporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a third-party detector on every finished case of a suite, as {@code microsim detect
 * --command} does on one dataset: the case's label-free series go to {@code {input}} (CSV
 * timestamp,series,value), the program writes {@code {output}} (timestamp,series,score), which is
 * kept as {@code <entrant dir>/<case id>/predictions.csv}. Cases that already have predictions are
 * not run again (a long suite score resumes too). Written apart from DetectCommand, whose runner is
 * private to it, with the same rules (sh -c, quoted paths, killed at the timeout, last output shown).
 */
public final class ExternalDetector {

    private final String command;
    private final Duration timeout;

    public ExternalDetector(String command, Duration timeout) {
        if (!command.contains("{input}") || !command.contains("{output}")) {
            throw new IllegalArgumentException("--command must contain {input} and {output}: \"" + command + "\"");
        }
        this.command = command;
        this.timeout = timeout;
    }

    /** Runs the command on each finished case lacking predictions; returns the cases it failed on, with why. */
    public List<String> run(SuiteDirectory suite, Entrant into) throws IOException, InterruptedException {
        List<String> failures = new java.util.ArrayList<>();
        for (SuiteCaseInfo c : suite.finished()) {
            Path out = into.dir().resolve(c.id());
            if (Files.isRegularFile(out.resolve(Entrant.PREDICTIONS))) {
                continue;
            }
            Files.createDirectories(out);
            Path input = out.resolve("series.csv");
            Path output = out.resolve(".predictions.csv.tmp");
            Path log = out.resolve("detector.log");
            try {
                new DatasetExporter().writeLongCsv(new MicroSimDatasetReader().read(c.dir()).telemetry(), input);
            } catch (dev.microsim.detector.io.InputException e) {
                failures.add(c.id() + ": " + e.getMessage());
                continue;
            }
            String resolved = command.replace("{input}", quote(input)).replace("{output}", quote(output));
            Process process = new ProcessBuilder(List.of("sh", "-c", resolved)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                failures.add(c.id() + ": did not finish within " + timeout + "; see " + log);
            } else if (process.exitValue() != 0 || !Files.isRegularFile(output)) {
                failures.add(c.id() + ": " + (process.exitValue() != 0 ? "exited with code " + process.exitValue() : "wrote no {output}")
                        + "; see " + log);
            } else {
                Files.move(output, out.resolve(Entrant.PREDICTIONS), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            Files.deleteIfExists(input);
        }
        return failures;
    }

    private static String quote(Path path) {
        return "'" + path.toString().replace("'", "'\\''") + "'";
    }
}
