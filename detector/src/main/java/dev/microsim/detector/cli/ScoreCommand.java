package dev.microsim.detector.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microsim.detector.dataset.Dataset;
import dev.microsim.detector.io.InputException;
import dev.microsim.detector.io.InputFiles;
import dev.microsim.detector.io.OutputFiles;
import dev.microsim.detector.io.Predictions;
import dev.microsim.detector.io.PredictionsReader;
import dev.microsim.detector.nab.NabBenchmark;
import dev.microsim.detector.nab.NabCorpus;
import dev.microsim.detector.nab.NabDirectory;
import dev.microsim.detector.nab.NabProfile;
import dev.microsim.detector.nab.NabResult;
import dev.microsim.detector.rca.RankingReader;
import dev.microsim.detector.rca.RcaScore;
import dev.microsim.detector.rca.RcaScorer;
import dev.microsim.detector.report.DatasetScorer;
import dev.microsim.detector.report.DetectionReport;
import dev.microsim.detector.report.ReportJson;
import dev.microsim.detector.report.ReportTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code score}: scores third-party detections or root-cause rankings against a dataset's labels, or NAB results. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Score detections, an RCA ranking or NAB results against ground truth.",
                "Predictions (--detections) or a ranking (--ranking) are scored against a dataset's labels,",
                "NAB-format results (--nab DIR --results DIR) against NAB's windows. Writes score.json and prints a table.",
                "Exit codes: 0 ok, 1 bad input, 2 usage error."})
public final class ScoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DatasetOptions data;

    @Option(names = "--detections", paramLabel = "CSV", description = "predictions: timestamp,series,score (score or 0/1)")
    Path detections;

    @Option(names = "--ranking", paramLabel = "JSON", description = "root-cause rankings: {\"<fault id>\": [\"service\", ...]}")
    Path ranking;

    @Option(names = "--threshold", description = "alarm when score >= this, a finite number (default: 0.5 for 0/1, else best F1;"
            + " with --nab: config/thresholds.json, else optimised)")
    Double threshold;

    @Option(names = "--nab", paramLabel = "DIR", description = "NAB directory (labels/combined_windows.json, config/)")
    Path nab;

    @Option(names = "--results", paramLabel = "DIR", description = "NAB results directory (default: <nab>/results)")
    Path results;

    @Option(names = "--detector", split = ",", description = "NAB detector names to score (default: numenta)")
    List<String> detectors = List.of("numenta");

    @Option(names = "--optimize", description = "with --nab: optimise the threshold over the corpus instead of config/thresholds.json")
    boolean optimize;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "score.json", description = "where to write score.json (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (threshold != null && !Double.isFinite(threshold)) {
            throw new ParameterException(spec.commandLine(), "--threshold: expected a finite number, got " + threshold);
        }
        if (nab != null && threshold != null && optimize) {
            throw new ParameterException(spec.commandLine(), "--threshold and --optimize exclude each other: give one threshold or let the corpus choose");
        }
        try {
            // Before any scoring: a run of minutes must not end on "cannot write".
            OutputFiles.checkWritableFile(out, "--out");
            ObjectNode json;
            if (nab != null) {
                json = scoreNab(stdout);
            } else {
                if (!data.given()) {
                    throw new ParameterException(spec.commandLine(), "give --dataset DIR, --rcaeval CSV or --nab DIR");
                }
                if ((detections == null) == (ranking == null)) {
                    throw new ParameterException(spec.commandLine(), "give exactly one of --detections and --ranking");
                }
                Dataset dataset = data.read();
                json = detections != null ? scoreDetections(dataset, stdout) : scoreRanking(dataset, stdout);
            }
            ReportJson.write(json, out);
            stdout.println("wrote " + out);
            return 0;
        } catch (InputException e) {
            stderr.println(e.getMessage());
            return 1;
        } catch (IOException e) {
            stderr.println("score: cannot write " + out + ": " + InputFiles.describe(e));
            return 1;
        }
    }

    private ObjectNode scoreDetections(Dataset dataset, PrintWriter stdout) throws InputException {
        Predictions predictions = new PredictionsReader().read(detections, dataset);
        OptionalDouble given = threshold == null ? OptionalDouble.empty() : OptionalDouble.of(threshold);
        DetectionReport report = new DatasetScorer().score(dataset, predictions, given);
        stdout.print(ReportTable.detection(report));
        return ReportJson.detection(report);
    }

    private ObjectNode scoreRanking(Dataset dataset, PrintWriter stdout) throws InputException {
        java.util.Set<String> services = new java.util.TreeSet<>();
        dataset.series().forEach(s -> services.add(s.service()));
        dataset.faults().forEach(f -> {
            services.addAll(f.rootCauses());
            services.addAll(f.affected());
        });
        RcaScore score = new RcaScorer().score(dataset.faults(), new RankingReader().read(ranking, dataset.faults(), services));
        stdout.print(ReportTable.rca(score));
        return ReportJson.rca(score);
    }

    private ObjectNode scoreNab(PrintWriter stdout) throws InputException {
        NabDirectory directory = NabDirectory.open(nab);
        Path resultsDir = results != null ? results : nab.resolve("results");
        ObjectNode root = ReportJson.JSON.createObjectNode();
        for (String detector : detectors) {
            NabCorpus corpus = directory.readResults(resultsDir, detector);
            ObjectNode node = root.putObject(detector);
            for (NabProfile profile : directory.profiles()) {
                NabBenchmark benchmark = new NabBenchmark(profile);
                java.util.Optional<Double> official = directory.officialThreshold(detector, profile.name());
                String source;
                double t;
                if (threshold != null) {
                    t = threshold;
                    source = "given";
                } else if (optimize || official.isEmpty()) {
                    t = benchmark.optimizeThreshold(corpus).threshold();
                    source = "optimized";
                    if (!optimize) {
                        // Not NAB's official procedure: say so where the number is read, not only in a log.
                        stdout.println("note: config/thresholds.json has no threshold for " + detector + " / " + profile.name()
                                + "; optimised over the corpus instead (thresholdSource: optimized)");
                    }
                } else {
                    t = official.get();
                    source = "official";
                }
                NabResult result = benchmark.score(corpus, t);
                stdout.print(detector + " " + ReportTable.nab(result));
                ObjectNode p = node.putObject(profile.name());
                p.put("threshold", result.threshold());
                p.put("thresholdSource", source);
                p.put("score", result.normalizedScore());
                p.put("raw", result.rawScore());
            }
        }
        return root;
    }
}
