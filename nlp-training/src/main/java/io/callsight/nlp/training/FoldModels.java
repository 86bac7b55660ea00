package io.callsight.nlp.training;

import io.callsight.nlp.classify.CalibratedClassifier;
import io.callsight.nlp.classify.TextClassifier;
import io.callsight.nlp.data.Example;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * k models, each trained without one fold of the training examples, answering as one classifier: a training
 * example gets the logits of the model that never saw it, any other text the fold models' mean. A tenant with a few
 * examples per intent cannot spare any for validation, so this is what its temperature and out-of-scope threshold
 * are fitted on ({@code Evaluator.calibrate}) before they are set on the model trained on everything; evaluated,
 * it gives the k-fold cross-validation figures for the manifest.
 */
final class FoldModels extends CalibratedClassifier {
    private final List<String> labels;
    private final List<TextClassifier> folds;
    private final Map<String, TextClassifier> heldOutBy;

    private FoldModels(List<String> labels, List<TextClassifier> folds, Map<String, TextClassifier> heldOutBy) {
        this.labels = labels;
        this.folds = folds;
        this.heldOutBy = heldOutBy;
    }

    /** Seeded shuffle into {@code k} folds; {@code trainer} must keep {@code labels} (indices) fixed. */
    static FoldModels train(List<String> labels, List<Example> examples, int k, long seed,
            Function<List<Example>, ? extends TextClassifier> trainer) {
        List<Example> shuffled = new ArrayList<>(examples);
        Collections.shuffle(shuffled, new Random(seed));
        List<TextClassifier> folds = new ArrayList<>();
        Map<String, TextClassifier> heldOutBy = new HashMap<>();
        for (int f = 0; f < k; f++) {
            List<Example> in = new ArrayList<>(), out = new ArrayList<>();
            for (int i = 0; i < shuffled.size(); i++) {
                (i % k == f ? out : in).add(shuffled.get(i));
            }
            TextClassifier model = trainer.apply(in);
            folds.add(model);
            out.forEach(e -> heldOutBy.put(e.text(), model));
        }
        return new FoldModels(labels, folds, heldOutBy);
    }

    /**
     * Fold-by-fold combination of two fold sets trained on the same examples with the same seed and k (so the
     * same folds): each text keeps being answered by models that never saw it.
     */
    static FoldModels combine(FoldModels a, FoldModels b, java.util.function.BiFunction<TextClassifier, TextClassifier, TextClassifier> f) {
        if (a.folds.size() != b.folds.size() || !a.heldOutBy.keySet().equals(b.heldOutBy.keySet())) {
            throw new IllegalArgumentException("fold sets differ");
        }
        List<TextClassifier> folds = new ArrayList<>();
        for (int i = 0; i < a.folds.size(); i++) {
            folds.add(f.apply(a.folds.get(i), b.folds.get(i)));
        }
        Map<String, TextClassifier> heldOutBy = new HashMap<>();
        a.heldOutBy.forEach((text, m) -> {
            int i = a.folds.indexOf(m);
            if (b.folds.indexOf(b.heldOutBy.get(text)) != i) {
                throw new IllegalArgumentException("fold sets split the examples differently");
            }
            heldOutBy.put(text, folds.get(i));
        });
        return new FoldModels(a.labels, folds, heldOutBy);
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public float[] logits(String text) {
        TextClassifier heldOut = heldOutBy.get(text);
        if (heldOut != null) {
            return heldOut.logits(text);
        }
        float[] mean = new float[labels.size()];
        for (TextClassifier m : folds) {
            float[] l = m.logits(text);
            for (int i = 0; i < mean.length; i++) {
                mean[i] += l[i] / folds.size();
            }
        }
        return mean;
    }
}
