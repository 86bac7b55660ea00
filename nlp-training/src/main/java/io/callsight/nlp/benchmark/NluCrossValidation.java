package io.callsight.nlp.benchmark;

import io.callsight.nlp.classify.FeatureConfig;
import io.callsight.nlp.classify.TfidfLinearModel;
import io.callsight.nlp.data.Datasets;
import io.callsight.nlp.data.Example;
import io.callsight.nlp.eval.Evaluator;
import io.callsight.nlp.training.BagTrainer;
import io.callsight.nlp.training.DjlDefaults;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * k-fold cross-validation of the bag against the TF-IDF baseline over the non-test part of a small benchmark set
 * (the same seeded split as {@link NluBenchmark}; the test part never enters). The validation splits of UCI and
 * SMP2019 hold ~200 utterances, too few to choose settings on; k folds over all ~2,000 non-test ones are steadier.
 * Settings come from {@link NluBenchmark}'s configs and its {@code -Dbench.*} overrides.
 * Run by {@code callsight bench nlu --cross-validate uci|smp|chnsenti [--folds k]}.
 */
public final class NluCrossValidation {
    private NluCrossValidation() {}

    /** The sets it can cross-validate. */
    public static final List<String> SETS = List.of("uci", "smp", "chnsenti");

    /** {@code k}-fold cross-validation on {@code task}'s non-test part; prints one line to {@code out}. */
    public static void run(String task, int k, Path datasets, PrintStream out) throws IOException {
        DjlDefaults.apply();
        if (k < 2) {
            throw new IllegalArgumentException("--folds takes at least 2, not " + k);
        }
        Path data = datasets != null ? datasets : Datasets.sharedDir();
        List<Example> nonTest;
        BagTrainer.Config cfg;
        switch (task) {
            case "uci" -> {
                nonTest = Datasets.split(Datasets.uci(data.resolve("uci-sentiment")), 0.2, 2015).get(0);
                cfg = NluBenchmark.smallSentimentConfig();
            }
            case "smp" -> {
                nonTest = Datasets.split(Datasets.smp2019(data.resolve("smp2019/train.json")), 0.2, 2019).get(0);
                cfg = NluBenchmark.smpConfig();
            }
            case "chnsenti" -> {
                nonTest = Datasets.split(Datasets.chnSentiCorp(data.resolve("chnsenticorp/ChnSentiCorp_htl_all.csv")), 0.2, 2020).get(0);
                cfg = NluBenchmark.chnConfig();
            }
            default -> throw new IllegalArgumentException("unknown task " + task + " (uci, smp or chnsenti)");
        }
        List<Example> shuffled = new ArrayList<>(nonTest);
        Collections.shuffle(shuffled, new Random(99));
        double bagMean = 0, baseMean = 0;
        StringBuilder perFold = new StringBuilder();
        for (int fold = 0; fold < k; fold++) {
            List<Example> train = new ArrayList<>(), held = new ArrayList<>();
            for (int i = 0; i < shuffled.size(); i++) {
                (i % k == fold ? held : train).add(shuffled.get(i));
            }
            List<String> labels = Datasets.labels(train);
            List<String> texts = Datasets.texts(train);
            int[] y = Datasets.indices(train, labels);
            double bag = Evaluator.evaluate(BagTrainer.train(labels, texts, y, cfg, null).model(), held).accuracy();
            double base = Evaluator.evaluate(TfidfLinearModel.train(labels, texts, y, FeatureConfig.defaults(),
                    TfidfLinearModel.Params.defaults()), held).accuracy();
            bagMean += bag / k;
            baseMean += base / k;
            perFold.append(String.format(Locale.ROOT, " %+.1f", 100 * (bag - base)));
        }
        out.printf(Locale.ROOT, "%s, %d-fold CV over %d non-test examples: bag %.2f %%, tfidf %.2f %%, bag − tfidf %+.2f points (per fold:%s)%n",
                task, k, nonTest.size(), 100 * bagMean, 100 * baseMean, 100 * (bagMean - baseMean), perFold);
    }
}
