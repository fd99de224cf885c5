package dev.microsim.detector.external;

import dev.microsim.detector.export.DatasetExporter;
import dev.microsim.detector.telemetry.Telemetry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A third-party detector given as a shell command with {@code {input}} and {@code {output}} in it
 * ({@code "python3 mydet.py {input} {output}"}), the one runner behind {@code microsim detect
 * --command} and {@code microsim suite score --command}. The program gets the label-free series as
 * a long CSV ({@code timestamp,series,value}) and must write {@code timestamp,series,score}. It runs
 * with {@code sh -c}, the paths single-quoted, its stdout and stderr into a log; at the timeout it
 * and its children are killed. Its output is moved into place only when it succeeded, so a failed
 * or killed program never leaves predictions that look finished.
 */
public record DetectorCommand(String template, Duration timeout) {

    public static final String INPUT = "{input}";
    public static final String OUTPUT = "{output}";
    private static final int TAIL_LINES = 20;

    public DetectorCommand {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(timeout, "timeout");
        if (!template.contains(INPUT) || !template.contains(OUTPUT)) {
            throw new IllegalArgumentException("--command must contain " + INPUT + " and " + OUTPUT + ": \"" + template + "\"");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("--timeout must be positive, got " + timeout);
        }
    }

    /**
     * Writes {@code telemetry}'s series to {@code work/series.csv}, runs the program (log in
     * {@code work/detector.log}) and, if it exited 0 and wrote its output, moves that output to
     * {@code predictions}. Returns why it failed, with the log's last lines, or empty on success.
     * The input file is deleted afterwards (it is as big as the telemetry); the log is kept.
     */
    public Optional<String> predict(Telemetry telemetry, Path work, Path predictions) throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path input = work.resolve("series.csv");
        Path output = work.resolve(".predictions.csv.tmp");
        Path log = work.resolve("detector.log");
        Files.deleteIfExists(output);
        try {
            new DatasetExporter().writeLongCsv(telemetry, input);
            Optional<String> failure = run(input, output, log);
            if (failure.isEmpty()) {
                Files.createDirectories(predictions.toAbsolutePath().getParent());
                Files.move(output, predictions, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return failure;
        } finally {
            Files.deleteIfExists(input);
            Files.deleteIfExists(output);
        }
    }

    /** Runs the program on {@code input}, expecting it to write {@code output}; empty on success, else why not. */
    public Optional<String> run(Path input, Path output, Path log) throws IOException, InterruptedException {
        String resolved = template.replace(INPUT, quote(input)).replace(OUTPUT, quote(output));
        Process process = new ProcessBuilder(List.of("sh", "-c", resolved))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                return Optional.of("did not finish within " + timeout.toMillis() + " ms; its last output:\n" + tail(log));
            }
        } catch (InterruptedException e) {
            kill(process);
            throw e;
        }
        if (process.exitValue() != 0) {
            return Optional.of("exited with code " + process.exitValue() + "; its last output:\n" + tail(log));
        }
        if (!Files.isRegularFile(output)) {
            return Optional.of("exited 0 but wrote no " + OUTPUT + " file; its last output:\n" + tail(log));
        }
        return Optional.empty();
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Single quotes for sh, with any quote inside the path closed, escaped and reopened. */
    static String quote(Path path) {
        return "'" + path.toString().replace("'", "'\\''") + "'";
    }

    /** The log's last lines; only its last 64 KB are read (a chatty program's log can be large), bad UTF-8 replaced. */
    private static String tail(Path log) throws IOException {
        byte[] end;
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(0, file.length() - 65_536);
            end = new byte[(int) (file.length() - from)];
            file.seek(from);
            file.readFully(end);
        }
        List<String> lines = new String(end, java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }
}
