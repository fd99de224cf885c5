package dev.microsim.report;

import java.util.List;

/**
 * The report as Markdown for a pull request or an issue: the same tables as the page, minus the
 * per-series table and the charts (the HTML file beside it has those).
 */
final class MarkdownSummary {

    private MarkdownSummary() {
    }

    static String render(RunReport report, String htmlName) {
        StringBuilder out = new StringBuilder();
        out.append("# MicroSim report: ").append(report.run().scenario()).append("\n\n");
        out.append("Dataset `").append(report.source()).append("`; charts and the call graph: `").append(htmlName).append("`.\n\n");
        out.append("**").append(ReportTables.headline(report)).append("**\n\n");
        for (Table table : ReportTables.all(report)) {
            if (!table.id().equals(ReportTables.SERIES_TABLE)) {
                out.append(table(table));
            }
        }
        return out.toString();
    }

    static String table(Table t) {
        StringBuilder out = new StringBuilder("## ").append(t.title()).append("\n\n");
        out.append(row(t.header())).append(separator(t.header().size()));
        t.rows().forEach(r -> out.append(row(r)));
        if (!t.note().isBlank()) {
            out.append("\n").append(t.note()).append("\n");
        }
        return out.append("\n").toString();
    }

    private static String row(List<String> cells) {
        StringBuilder out = new StringBuilder("|");
        cells.forEach(c -> out.append(' ').append(c.replace("|", "\\|").replace("\n", " ")).append(" |"));
        return out.append("\n").toString();
    }

    private static String separator(int columns) {
        return "|" + " --- |".repeat(columns) + "\n";
    }
}
