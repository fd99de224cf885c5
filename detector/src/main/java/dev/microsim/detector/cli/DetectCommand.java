package dev.microsim.detector.cli;

import dev.microsim.detector.dataset.Dataset;
import dev.microsim.detector.external.DetectorCommand;
import dev.microsim.detector.io.InputException;
import dev.microsim.detector.io.InputProblem;
import dev.microsim.detector.io.Predictions;
import dev.microsim.detector.io.PredictionsReader;
import dev.microsim.detector.report.DatasetScorer;
import dev.microsim.detector.report.DetectionReport;
import dev.microsim.detector.report.ReportJson;
import dev.microsim.detector.report.ReportTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code detect}: without {@code --command}, runs the built-in pipeline ({@link BuiltInDetection})
 * on the dataset's label-free telemetry, writes what it found and scores it when labels exist; with
 * {@code --command}, exports the series (never the labels) to a long CSV, runs the external
 * detector on it, then scores the predictions it wrote.
 */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = {"Run the built-in detector (default) or an external one (--command) on a dataset's series and score it.",
                "Built-in: writes scores.csv, alarms.csv, services.csv and detection.json to --results, and score.json when the dataset has labels.",
                "--nab DIR runs the built-in detector on NAB's data files and writes NAB-format results to --results, then scores them.",
                "{input} is replaced by a CSV timestamp,series,value; {output} by where the program must write timestamp,series,score.",
                "Exit codes: 0 ok, 1 bad input or failed program, 2 usage error."})
public final class DetectCommand implements Callable<Integer> {

    /** The results' directory name inside a dataset (and in the working directory for NAB and RCAEval input). */
    public static final String RESULTS_DIR = "detect-results";

    @Spec
    CommandSpec spec;

    @Mixin
    DatasetOptions data;

    @Option(names = "--command", description = "an external detector, e.g. \"python3 mydet.py {input} {output}\" (run with sh -c); without it the built-in pipeline runs")
    String command;

    @Option(names = "--nab", paramLabel = "DIR", description = "built-in detector on a NAB directory (data/, labels/): NAB-format results, then the NAB score")
    Path nab;

    @Option(names = "--results", paramLabel = "DIR",
            description = "where the built-in detector writes its output (default: DATASET/detect-results with --dataset, where `report` finds it; else ./detect-results)")
    Path results;

    @Option(names = "--no-progress", description = "no progress display")
    boolean noProgress;

    @Option(names = "--timeout", defaultValue = "10m", converter = HumanDuration.class,
            description = "how long the command may run, e.g. 30s, 10m (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--threshold", description = "alarm when score >= this")
    Double threshold;

    @Option(names = "--out", paramLabel = "FILE",
            description = "where to write score.json (default: in --results; with --command: ./score.json)")
    Path out;

    /** The built-in detector keeps its score beside its output, so a run in a checkout leaves nothing at the top. */
    private Path scoreJson() {
        if (out != null) return out;
        return command == null ? results().resolve("score.json") : Path.of("score.json");
    }

    /** A dataset's own results sit inside it, where {@code microsim report DIR} looks for them. */
    private Path results() {
        if (results != null) return results;
        return data.dataset != null ? data.dataset.resolve(RESULTS_DIR) : Path.of(RESULTS_DIR);
    }

    @Override
    public Integer call() throws Exception {
        if (command == null) {
            BuiltInDetection builtIn = new BuiltInDetection(spec.commandLine().getOut(),
                    new CliProgress(spec.commandLine().getErr(), noProgress));
            try {
                if (nab != null) {
                    return builtIn.nab(nab, results(), scoreJson());
                }
                if (!data.given()) {
                    throw new ParameterException(spec.commandLine(), "give --dataset DIR, --rcaeval CSV or --nab DIR");
                }
                return builtIn.dataset(data, results(), threshold, scoreJson());
            } catch (InputException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 1;
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 1;
            }
        }
        if (nab != null) {
            throw new ParameterException(spec.commandLine(), "--nab runs the built-in detector: give either --nab or --command");
        }
        if (!data.given()) {
            throw new ParameterException(spec.commandLine(), "give --dataset DIR or --rcaeval CSV");
        }
        DetectorCommand detector;
        try {
            detector = new DetectorCommand(command, timeout);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Path work = Files.createTempDirectory("microsim-detect");
        try {
            Dataset dataset = data.read();
            Path output = work.resolve("predictions.csv");
            // The program gets the label-free telemetry only; labels stay with the scorer.
            Optional<String> failure = detector.predict(dataset.telemetry(), work, output);
            if (failure.isPresent()) {
                throw new InputException(InputProblem.at(Path.of("--command"), 0, null, command, failure.get()));
            }
            Predictions predictions = new PredictionsReader().read(output, dataset);
            DetectionReport report = new DatasetScorer().score(dataset, predictions,
                    threshold == null ? OptionalDouble.empty() : OptionalDouble.of(threshold));
            spec.commandLine().getOut().print(ReportTable.detection(report));
            Path scoreJson = scoreJson();
            ReportJson.write(ReportJson.detection(report), scoreJson);
            spec.commandLine().getOut().println("wrote " + scoreJson);
            return 0;
        } catch (InputException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        } finally {
            deleteTree(work);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
