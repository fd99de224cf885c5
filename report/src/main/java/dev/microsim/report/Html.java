package dev.microsim.report;

/** Escaping for text placed in HTML elements and attributes. */
final class Html {

    private Html() {
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String table(Table t) {
        StringBuilder out = new StringBuilder();
        out.append("<section class=\"table\" id=\"table-").append(escape(t.id())).append("\">\n<h3>").append(escape(t.title())).append("</h3>\n");
        out.append("<table>");
        if (t.header().stream().anyMatch(h -> !h.isEmpty())) {
            out.append("<thead><tr>");
            for (String h : t.header()) {
                out.append("<th>").append(escape(h)).append("</th>");
            }
            out.append("</tr></thead>");
        }
        out.append("\n<tbody>\n");
        for (var row : t.rows()) {
            out.append("<tr>");
            for (String cell : row) {
                out.append("<td>").append(escape(cell)).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n");
        if (!t.note().isBlank()) {
            out.append("<p class=\"note\">").append(escape(t.note())).append("</p>\n");
        }
        return out.append("</section>\n").toString();
    }
}
