package dev.microsim.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Opens a report in a real headless Chromium (Debian's {@code chromium}): to take its screenshot,
 * and, for tests and benchmarks, to read the page after its scripts ran and the console lines it
 * printed. Every start gets a fresh profile directory and the flags that keep Chromium off the
 * network (this machine's network is closed; without them it retries connections at every start).
 */
public final class HeadlessChromium {

    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--hide-scrollbars", "--enable-logging=stderr", "--v=0");
    private static final Pattern CONSOLE = Pattern.compile("CONSOLE(?:\\(\\d+\\))?:?\\d*\\] (.*)");

    private final Path executable;
    private final Duration timeout;

    public HeadlessChromium(Path executable, Duration timeout) {
        this.executable = executable;
        this.timeout = timeout;
    }

    /** {@code $CHROMIUM}, else the first of the usual install paths that exists. */
    public static Optional<Path> find() {
        String env = System.getenv("CHROMIUM");
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env));
        }
        return Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
                .map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /** The page after its scripts ran ({@code --dump-dom}), what Chromium's console printed, and the wall time. */
    public record PageDump(String dom, List<String> consoleLines, Duration wall) {

        /** The value of a {@code data-*} attribute of the body element, where the report's script leaves its results. */
        public Optional<String> bodyData(String name) {
            Matcher body = Pattern.compile("<body([^>]*)>").matcher(dom);
            if (!body.find()) {
                return Optional.empty();
            }
            Matcher attr = Pattern.compile("data-" + Pattern.quote(name) + "=\"([^\"]*)\"").matcher(body.group(1));
            return attr.find() ? Optional.of(attr.group(1)) : Optional.empty();
        }
    }

    public PageDump dumpDom(Path html) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("chromium-dom", ".html");
        try {
            Run run = run(List.of("--window-size=1400,1000", "--dump-dom", html.toAbsolutePath().toUri().toString()), stdout);
            return new PageDump(Files.readString(stdout, StandardCharsets.UTF_8), run.console(), run.wall());
        } finally {
            Files.deleteIfExists(stdout);
        }
    }

    /** A PNG of the page's top {@code height} pixels at {@code width}; returns the console lines. */
    public List<String> screenshot(Path html, Path png, int width, int height) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("chromium-out", ".txt");
        try {
            Files.deleteIfExists(png);
            Run run = run(List.of("--window-size=" + width + "," + height, "--screenshot=" + png.toAbsolutePath(),
                    html.toAbsolutePath().toUri().toString()), stdout);
            if (!Files.isRegularFile(png)) {
                throw new IOException("chromium wrote no screenshot " + png + "; it printed: " + String.join("\n", run.stderrTail()));
            }
            return run.console();
        } finally {
            Files.deleteIfExists(stdout);
        }
    }

    private record Run(List<String> console, List<String> stderrTail, Duration wall) {
    }

    private Run run(List<String> args, Path stdout) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        Path stderr = Files.createTempFile("chromium-err", ".txt");
        try {
            List<String> command = new ArrayList<>();
            command.add(executable.toString());
            command.addAll(FLAGS);
            command.add("--user-data-dir=" + profile);
            command.addAll(args);
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IOException("chromium did not finish within " + timeout + ": " + String.join(" ", command));
            }
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            List<String> lines = Files.readAllLines(stderr, StandardCharsets.UTF_8);
            List<String> console = new ArrayList<>();
            for (String line : lines) {
                Matcher m = CONSOLE.matcher(line);
                if (m.find()) {
                    console.add(m.group(1));
                }
            }
            if (process.exitValue() != 0) {
                throw new IOException("chromium exited with " + process.exitValue() + ": " + String.join("\n", tail(lines)));
            }
            return new Run(console, tail(lines), wall);
        } finally {
            Files.deleteIfExists(stderr);
            deleteTree(profile);
        }
    }

    private static List<String> tail(List<String> lines) {
        return lines.subList(Math.max(0, lines.size() - 20), lines.size());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
