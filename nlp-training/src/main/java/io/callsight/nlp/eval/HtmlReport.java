package io.callsight.nlp.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A self-contained HTML evaluation report: summary (model vs baseline), per-label table, confusion-matrix image. */
public final class HtmlReport {
    private HtmlReport() {}

    /**
     * @param modelName what the model is, for the column headers
     * @param summary metric → [model value, baseline value] (already formatted)
     * @param model per-label metrics of the main model
     * @param png file name of the confusion matrix image, relative to the report
     */
    public static void write(Path html, String title, String modelName, Map<String, String[]> summary, Metrics model, String png) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>").append(esc(title)).append("</title>")
                .append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
                        + "padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}.low{background:#fdd}</style>")
                .append("</head><body><h1>").append(esc(title)).append("</h1><h2>Summary</h2><table><tr><th>metric</th>"
                        + "<th>").append(esc(modelName)).append("</th><th>tfidf-logreg baseline</th></tr>");
        for (Map.Entry<String, String[]> e : summary.entrySet()) {
            sb.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(esc(e.getValue()[0])).append("</td><td>")
                    .append(esc(e.getValue()[1])).append("</td></tr>");
        }
        sb.append("</table><h2>Per label (").append(esc(modelName)).append(")</h2><table><tr><th>label</th><th>precision</th><th>recall</th><th>F1</th>"
                + "<th>support</th></tr>");
        List<String> labels = model.labels();
        for (int c = 0; c < labels.size(); c++) {
            if (model.support(c) == 0) {
                continue;
            }
            double f1 = model.f1(c);
            sb.append(f1 < 0.8 ? "<tr class=\"low\">" : "<tr>").append("<td>").append(esc(labels.get(c))).append("</td>")
                    .append(String.format(Locale.ROOT, "<td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%d</td></tr>",
                            model.precision(c), model.recall(c), f1, model.support(c)));
        }
        sb.append("</table><h2>Confusion matrix</h2><img src=\"").append(esc(png)).append("\" alt=\"confusion matrix\">")
                .append("</body></html>\n");
        Files.writeString(html, sb.toString(), StandardCharsets.UTF_8);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
