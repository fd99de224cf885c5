package dev.microsim.report;

import dev.microsim.detector.dataset.Dataset;
import dev.microsim.detector.dataset.MicroSimDatasetReader;
import dev.microsim.detector.io.InputException;
import dev.microsim.detector.io.PredictionsReader;
import dev.microsim.detector.rca.RankingReader;
import dev.microsim.detector.traces.SpanReader;
import dev.microsim.detector.traces.TraceAnalysis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code report DIR}: one self-contained HTML report of a run, and a Markdown summary beside it. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write an HTML report of a run and a Markdown summary beside it.",
                "The page has charts per service with fault windows and alarms, the call graph",
                "with the root cause and the ranker's top 3, and the score tables.",
                "Predictions and a ranking are taken from DIR/" + ReportCommand.PREDICTIONS + " and DIR/" + ReportCommand.RANKING
                        + " when present, or from --detections/--ranking.",
                "Exit codes: 0 ok, 1 bad input, 2 usage error."})
public final class ReportCommand implements Callable<Integer> {

    static final String PREDICTIONS = "predictions.csv";
    static final String RANKING = "ranking.json";
    /** Where `detect --dataset DIR` puts its output by default. */
    static final String DETECT_RESULTS = dev.microsim.detector.cli.DetectCommand.RESULTS_DIR;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "the dataset directory of a run")
    Path dir;

    @Option(names = "--detections", paramLabel = "CSV", description = "predictions timestamp,series,score (default: DIR/" + PREDICTIONS + " if present)")
    Path detections;

    @Option(names = "--results", paramLabel = "DIR",
            description = "the built-in detector's output (microsim detect --results DIR): its alarms.csv as the detections, services.csv as"
                    + " each service's anomaly score, ranking.json as the ranking (default: DIR/" + DETECT_RESULTS + " if present)")
    Path results;

    @Option(names = "--ranking", paramLabel = "JSON", description = "root-cause ranking {\"<fault id>\": [services...]} (default: the"
            + " detector output's " + RANKING + ", else DIR/" + RANKING + ", if present)")
    Path ranking;

    @Option(names = "--threshold", description = "alarm when score >= this (default: as microsim score: 0.5 for 0/1, else each series' best F1)")
    Double threshold;

    @Option(names = "--out", paramLabel = "FILE", description = "the HTML file (default: DIR/report.html); the Markdown summary goes beside it as .md")
    Path out;

    @Option(names = "--max-values", paramLabel = "N", defaultValue = "" + RunReportBuilder.DEFAULT_VALUE_BUDGET,
            description = "at most this many plotted values in the page; long or wide runs are downsampled to fit (default: ${DEFAULT-VALUE})")
    int maxValues;

    @Option(names = "--screenshot", paramLabel = "PNG", description = "also save a screenshot of the page's top (needs chromium installed)")
    Path screenshot;

    @Option(names = "--allow-partial", description = "report on a dataset whose run did not complete")
    boolean allowPartial;

    @Override
    public Integer call() throws Exception {
        if (maxValues < 1) {
            throw new ParameterException(spec.commandLine(), "--max-values must be >= 1, got " + maxValues);
        }
        try {
            Dataset dataset = new MicroSimDatasetReader(allowPartial).read(dir);
            ReportInputs inputs = ReportInputs.of(dataset, RunInfo.read(dir));
            Path detectorOutput = results != null ? results : Files.isDirectory(dir.resolve(DETECT_RESULTS)) ? dir.resolve(DETECT_RESULTS) : null;
            if (results != null && !Files.isDirectory(results)) {
                throw new ParameterException(spec.commandLine(), "--results: \"" + results + "\" is not a directory");
            }
            Path predictions = detections != null ? detections
                    : detectorOutput != null && Files.isRegularFile(detectorOutput.resolve("alarms.csv")) ? detectorOutput.resolve("alarms.csv")
                    : present(dir.resolve(PREDICTIONS));
            if (predictions != null) {
                inputs = inputs.withPredictions(new PredictionsReader().read(predictions, dataset), predictions,
                        threshold == null ? OptionalDouble.empty() : OptionalDouble.of(threshold));
            }
            if (detectorOutput != null && Files.isRegularFile(detectorOutput.resolve("services.csv"))) {
                inputs = inputs.withServiceScores(ServiceScores.read(detectorOutput.resolve("services.csv")));
            }
            Path rankingFile = ranking != null ? ranking
                    : detectorOutput != null && Files.isRegularFile(detectorOutput.resolve(RANKING)) ? detectorOutput.resolve(RANKING)
                    : present(dir.resolve(RANKING));
            if (rankingFile != null) {
                inputs = inputs.withRankings(new RankingReader().read(rankingFile, dataset.faults()), rankingFile);
            }
            if (dataset.telemetry().traces().isPresent()) {
                inputs = withCallGraph(inputs, dataset.telemetry().traces().get());
            }
            RunReport report = new RunReportBuilder(maxValues).build(inputs);
            Path html = out != null ? out : dir.resolve("report.html");
            Path markdown = html.resolveSibling(baseName(html) + ".md");
            HtmlReport.write(report, html);
            HtmlReport.writeAtomically(markdown, MarkdownSummary.render(report, html.getFileName().toString()));
            spec.commandLine().getOut().println("wrote " + html + " (" + Files.size(html) / 1024 + " KiB) and " + markdown);
            if (screenshot != null) {
                Path chromium = HeadlessChromium.find().orElse(null);
                if (chromium == null) {
                    spec.commandLine().getErr().println("--screenshot: no chromium found (install Debian's chromium, or set CHROMIUM)");
                    return 1;
                }
                new HeadlessChromium(chromium, java.time.Duration.ofMinutes(2)).screenshot(html, screenshot, 1400, 2400);
                spec.commandLine().getOut().println("wrote " + screenshot);
            }
            return 0;
        } catch (InputException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
    }

    /**
     * The call graph is built from the traces alone, as the ranker builds it. Unreadable traces do not
     * cost the user the rest of the report: the problems go to stderr and the page says it has no graph.
     */
    private ReportInputs withCallGraph(ReportInputs inputs, Path traces) {
        try {
            return inputs.withGraph(CallGraphView.of(new TraceAnalysis(new SpanReader().read(traces)).callGraph()));
        } catch (InputException e) {
            spec.commandLine().getErr().println("no call graph in the report: " + e.getMessage());
            return inputs;
        }
    }

    private static Path present(Path file) {
        return Files.isRegularFile(file) ? file : null;
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".html") ? name.substring(0, name.length() - 5) : name;
    }
}
