package io.callsight.nlp.eval;

import io.callsight.events.Insight;
import io.callsight.nlp.classify.Classifiers;
import io.callsight.nlp.classify.ModelStore;
import io.callsight.nlp.classify.Prediction;
import io.callsight.nlp.classify.Release;
import io.callsight.nlp.classify.TextClassifier;
import io.callsight.nlp.data.Datasets;
import io.callsight.nlp.data.Example;
import io.callsight.nlp.insights.VariantStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Side-by-side numbers for a release before (or without) live traffic: both the current and the candidate model
 * answer the same utterances from a file. A {@code .txt} file is one unlabeled utterance per line; CSV/TSV/JSON
 * are labeled as for training (then accuracy is reported too; {@code oos} rows count as correct when rejected).
 */
public final class OfflineReleaseReport {
    private OfflineReleaseReport() {
    }

    public static List<VariantStats> run(ModelStore store, String tenant, String task, Path data) throws IOException {
        Release r = store.release(tenant, task);
        if (r.current() == null) {
            throw new IllegalArgumentException("tenant " + tenant + " has no " + task + " model under " + store.root());
        }
        List<Example> examples = read(data);
        if (examples.isEmpty()) {
            throw new IllegalArgumentException(data + " has no utterances");
        }
        List<VariantStats> out = new ArrayList<>();
        out.add(stats(Insight.CURRENT, r.current(), Classifiers.load(store.taskDir(tenant, task).resolve(r.current())), examples));
        if (r.candidate() != null) {
            out.add(stats(Insight.CANDIDATE, r.candidate(),
                    Classifiers.load(store.taskDir(tenant, task).resolve(r.candidate())), examples));
        }
        return out;
    }

    static List<Example> read(Path data) throws IOException {
        if (!Files.isRegularFile(data)) {
            throw new IllegalArgumentException("no such file: " + data);
        }
        if (data.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt")) {
            List<Example> out = new ArrayList<>();
            for (String line : Files.readAllLines(data, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(new Example(line.trim(), null));
                }
            }
            return out;
        }
        return Datasets.read(data);
    }

    static VariantStats stats(String variant, String version, TextClassifier model, List<Example> examples) {
        double confidence = 0;
        long noMatch = 0, labeled = 0, correct = 0;
        for (Example e : examples) {
            Prediction p = model.predict(e.text());
            confidence += p.confidence();
            if (p.outOfScope()) {
                noMatch++;
            }
            if (e.label() != null) {
                labeled++;
                if (p.label().equals(e.label())) {
                    correct++;
                }
            }
        }
        int n = examples.size();
        return new VariantStats(variant, version, n, confidence / n, (double) noMatch / n,
                labeled == 0 ? Double.NaN : (double) correct / labeled);
    }
}
