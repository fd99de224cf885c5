package dev.microsim.detector.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microsim.detector.dataset.Dataset;
import dev.microsim.detector.io.InputException;
import dev.microsim.detector.io.Predictions;
import dev.microsim.detector.io.Timestamps;
import dev.microsim.detector.nab.NabBenchmark;
import dev.microsim.detector.nab.NabCorpus;
import dev.microsim.detector.nab.NabDirectory;
import dev.microsim.detector.nab.NabProfile;
import dev.microsim.detector.nab.NabResult;
import dev.microsim.detector.pipeline.BuiltInPipelines;
import dev.microsim.detector.pipeline.DetectionResult;
import dev.microsim.detector.pipeline.DetectionWriter;
import dev.microsim.detector.pipeline.NabRun;
import dev.microsim.detector.pipeline.Progress;
import dev.microsim.detector.pipeline.ServiceEpisode;
import dev.microsim.detector.pipeline.ServiceScore;
import dev.microsim.detector.pipeline.SeriesVerdict;
import dev.microsim.detector.report.DatasetScorer;
import dev.microsim.detector.report.DetectionReport;
import dev.microsim.detector.report.ReportJson;
import dev.microsim.detector.report.ReportTable;
import dev.microsim.detector.telemetry.RcaEvalTelemetryReader;
import dev.microsim.detector.telemetry.Telemetry;
import dev.microsim.detector.telemetry.TelemetryReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What {@code detect} does without {@code --command}: the built-in pipeline on the label-free
 * telemetry, its output written, and only then (when the dataset has labels) the scorer.
 */
final class BuiltInDetection {

    private final PrintWriter out;
    private final Progress progress;

    BuiltInDetection(PrintWriter out, Progress progress) {
        this.out = out;
        this.progress = progress;
    }

    int dataset(DatasetOptions data, Path results, Double threshold, Path scoreJson) throws InputException, IOException {
        // The detector reads the telemetry alone; labels.json is opened by the scorer below, after.
        Telemetry telemetry = data.dataset != null
                ? new TelemetryReader(data.allowPartial).read(data.dataset)
                : new RcaEvalTelemetryReader().read(data.rcaEval);
        DetectionResult result = BuiltInPipelines.standard().run(telemetry, progress);
        new DetectionWriter().write(result, telemetry, results);
        printSummary(result, results);
        RootCauseStep rootCauses = new RootCauseStep(out);
        rootCauses.rank(telemetry, results);
        boolean labelled = data.dataset == null || Files.isRegularFile(data.dataset.resolve("labels.json"));
        if (!labelled) {
            out.println("no labels.json: detections written, not scored");
            return 0;
        }
        Dataset dataset = data.read();
        Predictions predictions = threshold == null ? alarms(result) : scores(result);
        DetectionReport report = new DatasetScorer().score(dataset, predictions,
                threshold == null ? OptionalDouble.empty() : OptionalDouble.of(threshold));
        out.print(ReportTable.detection(report));
        ReportJson.write(ReportJson.detection(report), scoreJson);
        out.println("wrote " + scoreJson);
        rootCauses.score(dataset, results);
        return 0;
    }

    int nab(Path nabDir, Path results, Path scoreJson) throws InputException, IOException {
        NabDirectory directory = NabDirectory.open(nabDir);
        String name = BuiltInPipelines.NAB_DETECTOR_NAME;
        new NabRun(name, BuiltInPipelines.nabScorer()).run(directory, results, progress);
        out.println("wrote NAB results to " + results.resolve(name));
        NabCorpus corpus = directory.readResults(results, name);
        ObjectNode root = ReportJson.JSON.createObjectNode();
        ObjectNode node = root.putObject(name);
        for (NabProfile profile : directory.profiles()) {
            NabBenchmark benchmark = new NabBenchmark(profile);
            NabResult result = benchmark.scoreWithOptimizedThreshold(corpus);
            out.print(name + " " + ReportTable.nab(result));
            ObjectNode p = node.putObject(profile.name());
            p.put("threshold", result.threshold());
            p.put("score", result.normalizedScore());
            p.put("raw", result.rawScore());
        }
        ReportJson.write(root, scoreJson);
        out.println("wrote " + scoreJson);
        return 0;
    }

    /** The service's decision at each point of each of its series: what alarms.csv holds. */
    static Predictions alarms(DetectionResult result) {
        Map<String, ServiceScore> services = result.servicesByName();
        Map<String, double[]> byName = new LinkedHashMap<>();
        for (SeriesVerdict v : result.series()) {
            ServiceScore service = services.get(v.service());
            double[] a = new double[v.epochMillis().length];
            for (int i = 0; i < a.length; i++) {
                a[i] = service.alarmAt(v.epochMillis()[i]) ? 1 : 0;
            }
            byName.put(v.series(), a);
        }
        return new Predictions(byName);
    }

    static Predictions scores(DetectionResult result) {
        Map<String, double[]> byName = new LinkedHashMap<>();
        result.series().forEach(v -> byName.put(v.series(), v.scores()));
        return new Predictions(byName);
    }

    private void printSummary(DetectionResult result, Path results) {
        long alarmed = result.series().stream().filter(v -> !v.alarms().isEmpty()).count();
        out.printf("built-in detector: %d series, %d alarmed, %d services, %d episodes%n", result.series().size(), alarmed,
                result.services().size(), result.episodes().size());
        for (ServiceEpisode e : result.episodes()) {
            out.printf("  %s anomalous %s .. %s (peak %.2f), first: %s%n", e.service(), Timestamps.format(e.onsetMillis()),
                    Timestamps.format(e.endMillis()), e.peakScore(), e.responsibleSeries());
        }
        out.println("wrote " + results.resolve("scores.csv") + ", alarms.csv, services.csv, detection.json");
    }
}
