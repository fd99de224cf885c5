package dev.microsim.report.bench;

import dev.microsim.report.HeadlessChromium;
import dev.microsim.report.ReportCommand;
import dev.microsim.report.SyntheticRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine;

/**
 * How big a run report gets and how fast Chromium opens it, for a small and a large synthetic run
 * side by side (the goal: a 1,000-service run under 20 MB, open in under 5 s).
 *
 * <pre>
 * java -cp ... dev.microsim.report.bench.ReportOpenBench [services=1000] [seconds=600] [workDir] [opens=3]
 * </pre>
 * "open" is the page's own clock at the end of its script (navigation start to charts drawn, parse
 * of the inlined data included) and Chromium's whole wall time (process start to exit) beside it.
 */
public final class ReportOpenBench {

    public static void main(String[] args) throws Exception {
        int services = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 600;
        Path work = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("report-bench");
        int opens = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        HeadlessChromium chromium = new HeadlessChromium(HeadlessChromium.find().orElseThrow(
                () -> new IllegalStateException("no chromium: apt-get install chromium")), Duration.ofMinutes(3));
        System.out.printf(Locale.ROOT, "load average %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
        for (int n : new int[] {10, services}) {
            Path dir = work.resolve("synthetic-" + n + "-" + seconds + "s");
            if (!Files.exists(dir.resolve("manifest.json"))) {
                long t0 = System.nanoTime();
                new SyntheticRun(n, Duration.ofSeconds(seconds), 10, 7).write(dir);
                System.out.printf(Locale.ROOT, "%d services: dataset written in %.1f s (metrics.csv %.0f MB)%n", n,
                        (System.nanoTime() - t0) / 1e9, Files.size(dir.resolve("metrics.csv")) / 1e6);
            }
            long t0 = System.nanoTime();
            int code = new CommandLine(new ReportCommand()).execute(dir.toString());
            double buildSeconds = (System.nanoTime() - t0) / 1e9;
            if (code != 0) {
                throw new IllegalStateException("report failed with exit code " + code);
            }
            Path html = dir.resolve("report.html");
            for (int i = 0; i < opens; i++) {
                HeadlessChromium.PageDump page = chromium.dumpDom(html);
                System.out.printf(Locale.ROOT, "%5d services: report %.2f MB, built in %.1f s; open %d: page %s ms to charts drawn"
                                + " (%s charts, %s errors, %d console lines), chromium wall %.2f s%n",
                        n, Files.size(html) / 1e6, buildSeconds, i + 1, page.bodyData("render-ms").orElse("?"),
                        page.bodyData("charts-drawn").orElse("?"), page.bodyData("errors").orElse("?"),
                        page.consoleLines().size(), page.wall().toMillis() / 1000.0);
            }
        }
    }
}
