package dev.microsim.report;

import java.util.List;

/** A titled table of text cells, built once and written as HTML and as Markdown. */
record Table(String id, String title, List<String> header, List<List<String>> rows, String note) {

    Table {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException(id + ": a row has " + row.size() + " cells for " + header.size() + " columns");
            }
        }
    }
}
