package dev.microsim.detector.cli;

import dev.microsim.detector.dataset.Dataset;
import dev.microsim.detector.dataset.MicroSimDatasetReader;
import dev.microsim.detector.dataset.RcaEvalCsvReader;
import dev.microsim.detector.io.InputException;
import dev.microsim.detector.io.InputProblem;
import dev.microsim.detector.io.Timestamps;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Option;

/** How a command names its dataset: a MicroSim directory or an RCAEval-style CSV. Shared by all subcommands. */
public final class DatasetOptions {

    @Option(names = "--dataset", paramLabel = "DIR", description = "MicroSim dataset directory (format v1)")
    Path dataset;

    @Option(names = "--allow-partial", description = "read a dataset whose run did not complete (what it recorded until it stopped)")
    boolean allowPartial;

    @Option(names = "--verify", description = "check every file's SHA-256 against the manifest (files up to 64 MiB are always checked; sizes always)")
    boolean verify;

    @Option(names = "--rcaeval", paramLabel = "CSV", description = "RCAEval-style wide CSV (time, <service>_<metric> columns)")
    Path rcaEval;

    @Option(names = "--inject-time", paramLabel = "TIME",
            description = "injection time for --rcaeval (epoch seconds or ISO-8601); default: inject_time.txt beside the CSV")
    String injectTime;

    @Option(names = "--root-cause", paramLabel = "SERVICE", description = "root-cause service for --rcaeval")
    String rootCause;

    @Option(names = "--fault-kind", paramLabel = "KIND", defaultValue = "unknown", description = "fault kind for --rcaeval")
    String faultKind;

    boolean given() {
        return dataset != null || rcaEval != null;
    }

    Dataset read() throws InputException {
        if (dataset != null) {
            return new MicroSimDatasetReader(allowPartial, verify).read(dataset);
        }
        return new RcaEvalCsvReader().read(rcaEval, injection(), rootCause, faultKind);
    }

    /** For --rcaeval: --inject-time, else inject_time.txt beside the CSV. */
    Instant injection() throws InputException {
        Path injectFile = rcaEval.resolveSibling("inject_time.txt");
        String text = injectTime;
        if (text == null) {
            try {
                text = java.nio.file.Files.readString(injectFile).trim();
            } catch (java.io.IOException e) {
                throw new InputException(InputProblem.ofFile(injectFile, "not found: give --inject-time or write this file"));
            }
        }
        try {
            return Timestamps.parse(text);
        } catch (DateTimeParseException e) {
            throw new InputException(InputProblem.at(injectTime == null ? injectFile : Path.of("--inject-time"), 0, null, text,
                    "is not a timestamp (epoch seconds or ISO-8601)"));
        }
    }
}
