package io.callsight.nlp.training;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.callsight.nlp.classify.Calibration;
import io.callsight.nlp.classify.EncoderHeadModel;
import io.callsight.nlp.data.Datasets;
import io.callsight.nlp.data.Example;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Trains a softmax head on frozen sentence-encoder embeddings with DJL (PyTorch engine, CPU): one linear layer,
 * Adam, L2 weight decay chosen on the in-scope validation examples among {@link Config#weightDecays} (the last one
 * without validation). The head's pure-Java logits are checked against DJL's to 1e-4.
 */
public final class EncoderHeadTrainer {
    /**
     * @param minSteps small data sets get more epochs, so every head sees at least this many Adam steps
     */
    public record Config(String encoder, int epochs, int minSteps, int batch, float learningRate, List<Float> weightDecays, long seed,
            List<Double> bagWeights, double escalateShare) {
        public static Config defaults() {
            return new Config(io.callsight.nlp.encoder.SentenceEncoder.DEFAULT, 30, 1500, 32, 0.003f, List.of(0f, 1e-4f), 1, List.of(), 0);
        }

        /**
         * The settings for text in {@code language}: its encoder, and for Chinese a learning rate of 0.03 (picked
         * on SMP2019's validation split from 0.003 / 0.01 / 0.03; the English 0.003 was picked on CLINC150's).
         */
        public static Config forLanguage(String language) {
            Config c = defaults();
            return "zh".equals(language) ? new Config(io.callsight.nlp.encoder.SentenceEncoder.CHINESE, c.epochs, c.minSteps, c.batch, 0.03f,
                    c.weightDecays, c.seed, c.bagWeights, c.escalateShare) : c;
        }

        /** Only this weight decay (no choice on validation). */
        public Config withWeightDecay(float wd) {
            return new Config(encoder, epochs, minSteps, batch, learningRate, List.of(wd), seed, bagWeights, escalateShare);
        }

        public Config withSeed(long s) {
            return new Config(encoder, epochs, minSteps, batch, learningRate, weightDecays, s, bagWeights, escalateShare);
        }

        /**
         * Also train a bag model and combine the two ({@code EnsembleModel}) with the bag weight among these that
         * does best on validation; empty (the default) ships the head alone.
         */
        public Config withBagWeights(List<Double> weights) {
            return new Config(encoder, epochs, minSteps, batch, learningRate, weightDecays, seed, List.copyOf(weights), escalateShare);
        }

        /**
         * Ship a {@code CascadeModel}: the bag answers what it is sure of, and at most this share of the validation
         * utterances goes to the encoder model (head or ensemble, chosen as for {@link #withBagWeights}).
         */
        public Config withCascade(double share) {
            if (!(share > 0 && share <= 1)) {
                throw new IllegalArgumentException("escalation share must be in (0, 1], was " + share);
            }
            return new Config(encoder, epochs, minSteps, batch, learningRate, weightDecays, seed, bagWeights, share);
        }

        public boolean cascade() {
            return escalateShare > 0;
        }

        public boolean ensemble() {
            return !bagWeights.isEmpty();
        }
    }

    public record Result(EncoderHeadModel model, double trainSeconds, double finalLoss, double trainAccuracy, float weightDecay,
            double validationAccuracy, double javaVsDjlMaxAbsDiff) {}

    static {
        DjlDefaults.apply();
    }

    private EncoderHeadTrainer() {}

    /**
     * Trains on {@code texts}/{@code y} (label indices into {@code labels}); {@code validation} (may be empty) picks
     * the weight decay. The model's encoder function is {@code embeddings}' cached one.
     */
    public static Result train(List<String> labels, List<String> texts, int[] y, List<Example> validation, Config cfg,
            Embeddings embeddings, PrintStream progress) {
        long t0 = System.nanoTime();
        float[][] x = embeddings.of(texts, progress);
        List<Example> inScopeVal = validation.stream().filter(e -> labels.contains(e.label())
                && !e.label().equals(io.callsight.nlp.classify.TextClassifier.OUT_OF_SCOPE)).toList();
        float[][] vx = inScopeVal.isEmpty() ? new float[0][] : embeddings.of(Datasets.texts(inScopeVal), progress);
        int[] vy = inScopeVal.stream().mapToInt(e -> labels.indexOf(e.label())).toArray();
        List<Float> decays = inScopeVal.isEmpty() ? List.of(cfg.weightDecays().get(cfg.weightDecays().size() - 1)) : cfg.weightDecays();
        Result best = null;
        for (float wd : decays) {
            Result r = trainOne(labels, x, y, wd, cfg, embeddings, progress);
            double acc = accuracy(r.model(), vx, vy);
            r = new Result(r.model(), r.trainSeconds(), r.finalLoss(), r.trainAccuracy(), wd, acc, r.javaVsDjlMaxAbsDiff());
            if (progress != null && decays.size() > 1) {
                progress.printf(Locale.ROOT, "weight decay %g: validation accuracy %.4f%n", wd, acc);
            }
            if (best == null || acc > best.validationAccuracy()) {
                best = r;
            }
        }
        return new Result(best.model(), (System.nanoTime() - t0) / 1e9, best.finalLoss(), best.trainAccuracy(), best.weightDecay(),
                best.validationAccuracy(), best.javaVsDjlMaxAbsDiff());
    }

    static double accuracy(EncoderHeadModel m, float[][] x, int[] y) {
        if (x.length == 0) {
            return Double.NaN;
        }
        int ok = 0;
        for (int i = 0; i < x.length; i++) {
            ok += Calibration.argmax(m.logitsOfEmbedding(x[i])) == y[i] ? 1 : 0;
        }
        return (double) ok / x.length;
    }

    private static Result trainOne(List<String> labels, float[][] x, int[] y, float weightDecay, Config cfg, Embeddings embeddings,
            PrintStream progress) {
        long t0 = System.nanoTime();
        int n = x.length, c = labels.size(), dim = embeddings.encoder().dim();
        int stepsPerEpoch = (n + cfg.batch() - 1) / cfg.batch();
        int epochs = Math.max(cfg.epochs(), (cfg.minSteps() + stepsPerEpoch - 1) / stepsPerEpoch);
        Random rnd = new Random(cfg.seed());
        double lastLoss = Double.NaN, lastAcc = Double.NaN;
        EncoderHeadModel model;
        double diff = 0;
        try (Model m = Model.newInstance("encoder-head", "PyTorch")) {
            ai.djl.engine.Engine.getEngine("PyTorch").setRandomSeed((int) cfg.seed());
            Linear head = Linear.builder().setUnits(c).build();
            m.setBlock(head);
            DefaultTrainingConfig tc = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(
                    Optimizer.adam().optLearningRateTracker(Tracker.fixed(cfg.learningRate())).optWeightDecays(weightDecay).build());
            try (Trainer trainer = m.newTrainer(tc)) {
                trainer.initialize(new Shape(cfg.batch(), dim));
                NDManager manager = trainer.getManager();
                int[] order = new int[n];
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    BagTrainer.shuffle(order, rnd);
                    double lossSum = 0;
                    long correct = 0;
                    for (int start = 0; start < n; start += cfg.batch()) {
                        int bs = Math.min(cfg.batch(), n - start);
                        float[] flat = new float[bs * dim];
                        long[] gold = new long[bs];
                        for (int i = 0; i < bs; i++) {
                            System.arraycopy(x[order[start + i]], 0, flat, i * dim, dim);
                            gold[i] = y[order[start + i]];
                        }
                        try (NDManager sub = manager.newSubManager(); GradientCollector gc = trainer.newGradientCollector()) {
                            NDArray pred = trainer.forward(new NDList(sub.create(flat, new Shape(bs, dim)))).singletonOrThrow();
                            NDArray loss = trainer.getLoss().evaluate(new NDList(sub.create(gold)), new NDList(pred));
                            lossSum += loss.getFloat() * bs;
                            long[] am = pred.argMax(1).toLongArray();
                            for (int i = 0; i < bs; i++) {
                                correct += am[i] == gold[i] ? 1 : 0;
                            }
                            gc.backward(loss);
                        }
                        trainer.step();
                    }
                    lastLoss = lossSum / n;
                    lastAcc = (double) correct / n;
                    if (progress != null && (epoch % Math.max(1, epochs / 30) == 0 || epoch == epochs)) {
                        progress.printf(Locale.ROOT, "\rhead epoch %3d/%d [%-30s] loss %.4f acc %.3f%s", epoch, epochs, "#".repeat(30 * epoch / epochs),
                                lastLoss, lastAcc, epoch == epochs ? String.format(Locale.ROOT, " (%.1fs)%n", (System.nanoTime() - t0) / 1e9) : "");
                    }
                }
                ai.djl.nn.Parameter w = head.getParameters().get("weight"), b = head.getParameters().get("bias");
                model = new EncoderHeadModel(labels, embeddings.encoder().name(), embeddings::of, dim, w.getArray().toFloatArray(),
                        b.getArray().toFloatArray());
                int k = Math.min(256, n);
                float[] flat = new float[k * dim];
                for (int i = 0; i < k; i++) {
                    System.arraycopy(x[i * n / k], 0, flat, i * dim, dim);
                }
                try (NDManager sub = manager.newSubManager()) {
                    float[] djl = trainer.evaluate(new NDList(sub.create(flat, new Shape(k, dim)))).singletonOrThrow().toFloatArray();
                    for (int i = 0; i < k; i++) {
                        float[] java = model.logitsOfEmbedding(x[i * n / k]);
                        for (int j = 0; j < c; j++) {
                            diff = Math.max(diff, Math.abs(java[j] - djl[i * c + j]));
                        }
                    }
                }
            }
        }
        if (!(diff <= 1e-4)) {
            throw new IllegalStateException("pure-Java head disagrees with DJL by " + diff);
        }
        return new Result(model, (System.nanoTime() - t0) / 1e9, lastLoss, lastAcc, weightDecay, Double.NaN, diff);
    }
}
