package dev.microsim.report.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.microsim.detector.dataset.MicroSimDatasetReader;
import dev.microsim.detector.export.DatasetExporter;
import dev.microsim.detector.export.ExportFormat;
import dev.microsim.detector.io.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exports a finished suite for tools that read RCAEval's or NAB's layout, unchanged:
 * <ul>
 *   <li>RCAEval: {@code <scenario>/<target>_<kind>/<n>/data.csv + inject_time.txt} (RCAEval's
 *   {@code RE2-OB/checkoutservice_cpu/1/}), n counting the case's intensities and seeds from 1,
 *   and {@code cases.json} mapping each case directory to its suite case id;</li>
 *   <li>NAB: {@code data/<case id>/<series>.csv} and one {@code labels/combined_windows.json}.</li>
 * </ul>
 */
public final class SuiteExporter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final DatasetExporter exporter = new DatasetExporter();

    public int exportRcaEval(SuiteDirectory suite, Path out) throws IOException, InputException {
        Map<String, Integer> counters = new LinkedHashMap<>();
        ObjectNode index = JSON.createObjectNode();
        for (SuiteCaseInfo c : suite.finished()) {
            String group = c.scenario() + "/" + c.target() + "_" + c.kind();
            int n = counters.merge(group, 1, Integer::sum);
            Path dir = Files.createDirectories(out.resolve(c.scenario()).resolve(c.target() + "_" + c.kind()).resolve(String.valueOf(n)));
            exporter.export(new MicroSimDatasetReader().read(c.dir()), ExportFormat.RCAEVAL, dir);
            index.put(group + "/" + n, c.id());
        }
        JSON.writeValue(Files.createDirectories(out).resolve("cases.json").toFile(), index);
        return index.size();
    }

    public int exportNab(SuiteDirectory suite, Path out) throws IOException, InputException {
        ObjectNode windows = JSON.createObjectNode();
        Path data = Files.createDirectories(out.resolve("data"));
        int files = 0;
        for (SuiteCaseInfo c : suite.finished()) {
            Path temp = Files.createTempDirectory(out.toAbsolutePath().getParent() == null ? Path.of(".") : out.toAbsolutePath().getParent(), ".nab-case");
            try {
                exporter.export(new MicroSimDatasetReader().read(c.dir()), ExportFormat.NAB, temp);
                Path caseData = temp.resolve("data").resolve("microsim");
                Files.move(caseData, data.resolve(c.id()));
                JsonNode caseWindows = JSON.readTree(temp.resolve("labels").resolve("combined_windows.json").toFile());
                for (var it = caseWindows.fields(); it.hasNext(); ) {
                    var e = it.next();
                    windows.set(c.id() + e.getKey().substring(e.getKey().indexOf('/')), e.getValue());
                    files++;
                }
            } finally {
                Directories.deleteTree(temp);
            }
        }
        JSON.writeValue(Files.createDirectories(out.resolve("labels")).resolve("combined_windows.json").toFile(), windows);
        return files;
    }
}
