package dev.microsim.detector.pipeline;

import dev.microsim.detector.io.InputException;
import dev.microsim.detector.nab.NabDirectory;
import dev.microsim.detector.nab.NabSeries;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Runs a detector over NAB's data files ({@code data/<category>/<file>.csv}, {@code timestamp,value})
 * and writes NAB-format results ({@code <results>/<detector>/<category>/<detector>_<file>.csv} with
 * {@code timestamp,value,anomaly_score}), which {@link NabDirectory#readResults} and NAB itself read.
 * The detector is given the values only, file by file: never a label. Every unreadable file is
 * reported before any detection runs.
 */
public final class NabRun {

    private final String detectorName;
    private final Function<double[], double[]> detector;

    /** {@code detector} maps a file's values to one score per row, streaming. */
    public NabRun(String detectorName, Function<double[], double[]> detector) {
        this.detectorName = detectorName;
        this.detector = detector;
    }

    public void run(NabDirectory nab, Path results, Progress progress) throws InputException, IOException {
        List<NabSeries> files = nab.readSeries();
        progress.begin("nab", files.size());
        try {
            for (NabSeries file : files) {
                write(resultFile(results, file.name()), file, detector.apply(file.values()));
                progress.advance(1);
            }
        } finally {
            progress.end();
        }
    }

    Path resultFile(Path results, String relative) {
        int slash = relative.lastIndexOf('/');
        return results.resolve(detectorName).resolve(relative.substring(0, slash + 1) + detectorName + "_" + relative.substring(slash + 1));
    }

    private static void write(Path file, NabSeries data, double[] scores) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(temp);
             CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("timestamp", "value", "anomaly_score").build())) {
            for (int i = 0; i < scores.length; i++) {
                csv.printRecord(data.timestamps().get(i), data.values()[i], scores[i]);
            }
        }
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
