package dev.microsim.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a run report as one self-contained HTML file: the tables are plain HTML (readable with
 * scripts off), the charts are drawn by uPlot and the call graph by Cytoscape.js, both inlined with
 * the page's own script and its data, so the file opens offline and can be mailed or attached.
 */
final class HtmlReport {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z.]+)}}");

    private HtmlReport() {
    }

    static String render(RunReport report) {
        // The long per-series table folds away below the charts; the short tables come first.
        StringBuilder tables = new StringBuilder();
        StringBuilder details = new StringBuilder();
        for (Table t : ReportTables.all(report)) {
            if (t.id().equals(ReportTables.SERIES_TABLE)) {
                details.append("<details><summary>").append(Html.escape(t.title())).append(" (").append(t.rows().size())
                        .append(" rows)</summary>\n").append(Html.table(t)).append("</details>\n");
            } else {
                tables.append(Html.table(t));
            }
        }
        Map<String, String> values = new HashMap<>();
        values.put("title", Html.escape("MicroSim report: " + report.run().scenario()));
        values.put("heading", Html.escape(report.run().scenario()));
        values.put("source", Html.escape(report.source()));
        values.put("headline", Html.escape(ReportTables.headline(report)));
        values.put("tables", tables.toString());
        values.put("details", details.toString());
        values.put("uplot.css", WebJarFile.UPLOT_CSS.read());
        values.put("report.css", resource("report.css"));
        values.put("data", PageData.json(report));
        values.put("uplot.js", safeScript(WebJarFile.UPLOT_JS.read()));
        values.put("cytoscape.js", safeScript(WebJarFile.CYTOSCAPE_JS.read()));
        values.put("report.js", resource("report.js"));
        return fill(resource("report.html"), values);
    }

    /** Replaces each {{name}} of the template once, in one pass: text put in is never scanned again. */
    static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + values.values().stream().mapToInt(String::length).sum());
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("template placeholder {{" + m.group(1) + "}} has no value");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Writes beside a temporary name and renames, so a half-written report never stands in the place of a whole one. */
    static void write(RunReport report, Path file) throws IOException {
        writeAtomically(file, render(report));
    }

    static void writeAtomically(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A library's text inside a script element must not contain "</script". */
    private static String safeScript(String js) {
        return js.replace("</script", "<\\/script");
    }

    static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the report module");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
