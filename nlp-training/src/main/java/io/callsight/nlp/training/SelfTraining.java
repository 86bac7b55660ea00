package io.callsight.nlp.training;

import io.callsight.nlp.classify.HashedBagModel;
import io.callsight.nlp.classify.Prediction;
import io.callsight.nlp.classify.TextClassifier;
import io.callsight.nlp.data.Datasets;
import io.callsight.nlp.data.Example;
import io.callsight.nlp.eval.Evaluator;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Self-training (Yarowsky 1995; "pseudo-labelling"): a tenant with ten examples per intent usually has thousands of
 * unlabeled customer utterances in its transcripts. Train on the labeled examples, label the unlabeled utterances
 * the model is surest of, retrain on both, repeat. Each round takes at most {@code perClassStep × round} of the
 * most confident utterances per predicted label (so no label floods the set, and the set grows as the model
 * improves) and only those at or above {@code minConfidence} (calibrated on the validation split). Every round
 * retrains from scratch on labeled + pseudo-labeled data; the labeled examples are never relabeled. Works with any
 * trainer (the benchmark self-trains the baseline the same way).
 */
public final class SelfTraining {
    private SelfTraining() {}

    /** Rounds of pseudo-labelling (0 = plain supervised training), growth per round and the confidence floor. */
    public record Config(int rounds, int perClassStep, double minConfidence) {
        public static Config defaults() {
            return new Config(3, 20, 0.5);
        }
    }

    /** The final model and what each round added ({@code precisionIfKnown} is NaN without gold labels). */
    public record Result<M extends TextClassifier>(M model, List<Integer> pseudoLabelsPerRound, List<Double> precisionPerRound) {}

    /**
     * @param trainer    trains a model from scratch on the examples it is given
     * @param gold       true labels of unlabeled utterances, for reporting pseudo-label precision (benchmarks only;
     *                   empty in production)
     */
    public static <M extends TextClassifier> Result<M> run(List<Example> labeled, List<String> unlabeled, List<Example> validation,
            Function<List<Example>, M> trainer, Config cfg, Map<String, String> gold, PrintStream progress) {
        Set<String> known = new HashSet<>();
        labeled.forEach(e -> known.add(e.text()));
        List<String> pool = unlabeled.stream().filter(t -> !t.isBlank() && known.add(t)).toList();
        M model = trainer.apply(labeled);
        List<Integer> added = new ArrayList<>();
        List<Double> precision = new ArrayList<>();
        for (int round = 1; round <= cfg.rounds() && !pool.isEmpty(); round++) {
            Evaluator.calibrate(model, validation, false); // confidences comparable across rounds
            List<Example> pseudo = pseudoLabels(model, pool, round * cfg.perClassStep(), cfg.minConfidence());
            added.add(pseudo.size());
            precision.add(precision(pseudo, gold));
            if (progress != null) {
                progress.printf(Locale.ROOT, "self-training round %d/%d: %d pseudo-labeled of %d unlabeled%s%n", round, cfg.rounds(),
                        pseudo.size(), pool.size(), gold.isEmpty() ? "" : String.format(Locale.ROOT, " (%.1f %% correct)",
                                100 * precision.get(precision.size() - 1)));
            }
            List<Example> train = new ArrayList<>(labeled);
            train.addAll(pseudo);
            model = trainer.apply(train);
        }
        return new Result<>(model, added, precision);
    }

    /**
     * Teacher → student: a calibrated {@code teacher} (e.g. the encoder head, accurate but slow) labels every
     * unlabeled utterance it is at least {@code minConfidence} sure of, and the {@code student} (e.g. the bag model,
     * fast) is trained on the labeled examples plus those. Out-of-scope guesses are kept: they teach the student's
     * out-of-scope class.
     */
    public static <M extends TextClassifier> Result<M> teach(TextClassifier teacher, List<Example> labeled, List<String> unlabeled,
            Function<List<Example>, M> student, double minConfidence, Map<String, String> gold, PrintStream progress) {
        List<Example> pseudo = teacherLabels(teacher, labeled, unlabeled, minConfidence);
        double p = precision(pseudo, gold);
        if (progress != null && !gold.isEmpty()) {
            progress.printf(Locale.ROOT, "teacher's labels: %.1f %% correct%n", 100 * p);
        }
        List<Example> train = new ArrayList<>(labeled);
        train.addAll(pseudo);
        return new Result<>(student.apply(train), List.of(pseudo.size()), List.of(p));
    }

    /** The unlabeled utterances (new, non-blank) the teacher is at least {@code minConfidence} sure of, with its label. */
    public static List<Example> teacherLabels(TextClassifier teacher, List<Example> labeled, List<String> unlabeled, double minConfidence) {
        Set<String> known = new HashSet<>();
        labeled.forEach(e -> known.add(e.text()));
        List<String> pool = unlabeled.stream().filter(t -> !t.isBlank() && known.add(t)).toList();
        return pseudoLabels(teacher, pool, Integer.MAX_VALUE, minConfidence);
    }

    /** Up to {@code perLabel} most confident utterances per predicted label, confidence ≥ {@code minConfidence}. */
    static List<Example> pseudoLabels(TextClassifier model, List<String> pool, int perLabel, double minConfidence) {
        record Guess(String text, double confidence) {}
        Map<String, List<Guess>> byLabel = new HashMap<>();
        for (String t : pool) {
            Prediction p = model.predict(t);
            if (p.confidence() >= minConfidence) {
                byLabel.computeIfAbsent(p.bestLabel(), k -> new ArrayList<>()).add(new Guess(t, p.confidence()));
            }
        }
        List<Example> out = new ArrayList<>();
        byLabel.keySet().stream().sorted().forEach(label -> byLabel.get(label).stream()
                .sorted(Comparator.comparingDouble(Guess::confidence).reversed())
                .limit(perLabel)
                .forEach(g -> out.add(new Example(g.text(), label))));
        return out;
    }

    private static double precision(List<Example> pseudo, Map<String, String> gold) {
        if (gold.isEmpty() || pseudo.isEmpty()) {
            return Double.NaN;
        }
        long ok = pseudo.stream().filter(e -> e.label().equals(gold.get(e.text()))).count();
        return (double) ok / pseudo.size();
    }

    /**
     * The bag trainer both {@code train intents --unlabeled} and the benchmark self-train with: labels fixed to
     * {@code labels}; once pseudo-labels have made the set several times larger than the {@code labeled} examples,
     * half the epochs, which still means more updates than the first round got. {@code each} sees every result.
     */
    public static Function<List<Example>, HashedBagModel> bagTrainer(List<String> labels, int labeled, BagTrainer.Config cfg,
            PrintStream progress, Consumer<BagTrainer.Result> each) {
        return ex -> {
            BagTrainer.Config c = ex.size() > labeled ? cfg.withEpochs(Math.max(1, cfg.epochs() / 2)) : cfg;
            BagTrainer.Result r = BagTrainer.train(labels, Datasets.texts(ex), Datasets.indices(ex, labels), c, progress);
            each.accept(r);
            return r.model();
        };
    }
}
