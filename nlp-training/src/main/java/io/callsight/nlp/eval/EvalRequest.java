package io.callsight.nlp.eval;

import java.nio.file.Path;

/**
 * One {@code eval intents|sentiment} run.
 *
 * @param task the model's task directory: {@code intents}, {@code sentiment} (or e.g. {@code sentiment-en} of
 *     {@code _shared})
 * @param tenant whose current model to evaluate
 * @param data labeled test data: CSV text,label / TSV / JSON (CLINC150 JSON: its test + oos_test splits)
 * @param modelsDir the model root; the run evaluates {@code <tenant>/<task>/CURRENT}
 * @param reportDir where confusion.png and report.html go; null: {@code <version dir>/report}
 */
public record EvalRequest(String task, String tenant, Path data, Path modelsDir, Path reportDir) {
    public EvalRequest {
        if (task == null) {
            throw new IllegalArgumentException("which task: eval intents or eval sentiment (try --help)");
        }
        if (tenant == null) {
            throw new IllegalArgumentException("--tenant is required (try --help)");
        }
        if (data == null) {
            throw new IllegalArgumentException("--data is required (try --help)");
        }
        modelsDir = modelsDir != null ? modelsDir : Path.of("models");
    }
}
