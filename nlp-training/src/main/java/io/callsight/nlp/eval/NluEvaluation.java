package io.callsight.nlp.eval;

import io.callsight.nlp.classify.CascadeModel;
import io.callsight.nlp.classify.Classifiers;
import io.callsight.nlp.classify.ModelStore;
import io.callsight.nlp.classify.TextClassifier;
import io.callsight.nlp.classify.TfidfLinearModel;
import io.callsight.nlp.data.Datasets;
import io.callsight.nlp.data.Example;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates a tenant's current model, the entry point of {@code callsight eval intents|sentiment}: the model and its
 * TF-IDF baseline side by side (accuracy, macro-F1, in-scope accuracy / OOS recall / OOS AUROC when the data has
 * {@code oos} rows, the share a cascade sends to its encoder, a per-label table), written as {@code confusion.png}
 * and {@code report.html}.
 */
public final class NluEvaluation {
    private NluEvaluation() {}

    /** Runs {@code request}; the tables go to {@code out}. */
    public static EvalResult evaluate(EvalRequest request, PrintStream out) throws IOException {
        return run(new ModelStore(request.modelsDir()), request.tenant(), request.task(), request.data(), request.reportDir(), out);
    }

    /** Test examples of a file: CLINC-style JSON → test + oos_test; otherwise all rows. */
    public static List<Example> testData(Path file) throws IOException {
        if (file.toString().endsWith(".json")) {
            try {
                Map<String, List<Example>> s = Datasets.clinc(file);
                if (s.containsKey("test")) {
                    List<Example> t = new ArrayList<>(s.get("test"));
                    t.addAll(s.getOrDefault("oos_test", List.of()));
                    return t;
                }
            } catch (RuntimeException | IOException notSplits) {
                // plain list
            }
        }
        return Datasets.read(file);
    }

    private static EvalResult run(ModelStore store, String tenant, String task, Path data, Path reportDir, PrintStream out)
            throws IOException {
        Path dir = store.current(tenant, task).orElseThrow(() -> new IOException("no " + task + " model for " + tenant));
        TextClassifier model = Classifiers.load(dir);
        TextClassifier lin = Files.isDirectory(dir.resolve("baseline")) ? TfidfLinearModel.load(dir.resolve("baseline")) : null;
        List<Example> test = testData(data);
        Metrics mb = Evaluator.evaluate(model, test);
        Metrics ml = lin == null ? null : Evaluator.evaluate(lin, test);
        Map<String, String[]> summary = new LinkedHashMap<>();
        summary.put("examples", new String[] {"" + test.size(), "" + test.size()});
        summary.put("accuracy", pair(mb.accuracy(), ml == null ? Double.NaN : ml.accuracy()));
        if (mb.hasOutOfScope()) {
            summary.put("in-scope accuracy", pair(mb.inScopeAccuracy(), ml == null ? Double.NaN : ml.inScopeAccuracy()));
            summary.put("OOS recall", pair(mb.oosRecall(), ml == null ? Double.NaN : ml.oosRecall()));
            summary.put("OOS detection AUROC", pair(Evaluator.oosAuroc(model, test), ml == null ? Double.NaN : Evaluator.oosAuroc(lin, test)));
        }
        summary.put("macro-F1", pair(mb.macroF1(), ml == null ? Double.NaN : ml.macroF1()));
        if (model instanceof CascadeModel cascade) { // what the throughput will be: the escalated pay for the encoder
            long escalated = test.stream().filter(e -> cascade.escalates(e.text())).count();
            summary.put("sent to encoder", new String[] {fmt((double) escalated / test.size()), "n/a"});
        }
        String name = Classifiers.describe(model);
        String row = "%-20s %" + Math.max(16, name.length()) + "s %16s%n";
        out.printf(Locale.ROOT, "%s/%s %s on %s%n", tenant, task, dir.getFileName(), data);
        out.printf(Locale.ROOT, row, "metric", name, "tfidf baseline");
        summary.forEach((k, v) -> out.printf(Locale.ROOT, row, k, v[0], v[1]));
        out.printf(Locale.ROOT, "%n%-32s %9s %9s %9s %7s%n", "label", "precision", "recall", "F1", "support");
        for (int c = 0; c < mb.labels().size(); c++) {
            if (mb.support(c) > 0) {
                out.printf(Locale.ROOT, "%-32s %9.3f %9.3f %9.3f %7d%n", mb.labels().get(c), mb.precision(c), mb.recall(c), mb.f1(c),
                        mb.support(c));
            }
        }
        Path rd = reportDir != null ? reportDir : dir.resolve("report");
        Files.createDirectories(rd);
        ConfusionMatrixImage.write(mb, rd.resolve("confusion.png"));
        HtmlReport.write(rd.resolve("report.html"), tenant + " / " + task + " " + dir.getFileName() + " on " + data.getFileName(),
                name, summary, mb, "confusion.png");
        out.println("wrote " + rd.resolve("report.html") + " and confusion.png");
        return new EvalResult(dir, mb, rd.resolve("report.html"), rd.resolve("confusion.png"));
    }

    private static String[] pair(double a, double b) {
        return new String[] {fmt(a), fmt(b)};
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f %%", 100 * v);
    }
}
