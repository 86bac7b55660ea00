package io.callsight.nlp.training;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.callsight.nlp.classify.FeatureConfig;
import io.callsight.nlp.classify.HashedBagModel;
import io.callsight.nlp.classify.NgramFeaturizer;
import io.callsight.nlp.classify.Pooling;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Trains the hashed n-gram embedding-bag classifier with DJL (PyTorch engine, CPU, softmax cross-entropy) and
 * exports it to a pure-Java {@link HashedBagModel}, checking that Java reproduces DJL's logits to 1e-4.
 * DJL/PyTorch runs forward and autograd; the output layer is updated by DJL's Adam, the embedding table — which
 * lives in a Java array, DJL getting only the rows a batch touches — by plain SGD (fastText style; the default,
 * {@code embeddingSgdLr > 0}) or a sparse ("lazy") Adam ({@link SparseAdam}, as {@code torch.optim.SparseAdam}).
 * Adam's per-coordinate normalization moves rare n-grams as far as frequent ones and overfits small data; SGD moves
 * each row in proportion to its pooling weight, as the linear TF-IDF model does. Default pooling is the TF-IDF
 * vector with unseen n-grams counting in its norm ({@link Pooling#TFIDF_OOV}). {@code members > 1} trains that many
 * seeds and averages them into one model ({@link HashedBagModel#average}).
 */
public final class BagTrainer {
    /**
     * Hyper-parameters. Features hash into {@code buckets}; only buckets seen at least {@code minCount} times in the
     * training data get an embedding row (at most {@code maxRows}, most frequent first) — this keeps the dense Adam
     * update small. {@code dropout} acts on the pooled vector, {@code featureDropout} drops input n-grams.
     * {@code embeddingSgdLr}: SGD rate of the embedding table (0 = lazy Adam at {@code learningRate}).
     * {@code nbAlpha > 0} multiplies each row's idf by its NB log-count ratio ({@link NbWeights}, add-alpha smoothed):
     * the saved row weights then carry it, so the model file format does not change.
     */
    public record Config(FeatureConfig features, int buckets, int dim, int epochs, int batch, float learningRate,
            float dropout, float featureDropout, int minCount, int maxRows, Pooling pooling, int members, long seed,
            float embeddingSgdLr, float nbAlpha) {
        public static Config defaults() {
            return new Config(FeatureConfig.defaults(), 1 << 18, 64, 8, 64, 0.01f, 0.1f, 0f, 1, 1 << 17, Pooling.TFIDF_OOV, 1, 1, 1f, 0f);
        }

        public boolean idfPooling() {
            return pooling != Pooling.MEAN;
        }

        public Config withIdfPooling(boolean on) {
            return withPooling(on ? Pooling.IDF : Pooling.MEAN);
        }

        public Config withPooling(Pooling p) {
            return new Config(features, buckets, dim, epochs, batch, learningRate, dropout, featureDropout, minCount, maxRows, p, members, seed, embeddingSgdLr, nbAlpha);
        }

        /** An ensemble of {@code k} members (seeds {@code seed..seed+k-1}), averaged into one model. */
        public Config withMembers(int k) {
            return new Config(features, buckets, dim, epochs, batch, learningRate, dropout, featureDropout, minCount, maxRows, pooling, k, seed, embeddingSgdLr, nbAlpha);
        }

        public Config withFeatures(FeatureConfig f) {
            return new Config(f, buckets, dim, epochs, batch, learningRate, dropout, featureDropout, minCount, maxRows, pooling, members, seed, embeddingSgdLr, nbAlpha);
        }

        public Config withBuckets(int b) {
            return new Config(features, b, dim, epochs, batch, learningRate, dropout, featureDropout, minCount, maxRows, pooling, members, seed, embeddingSgdLr, nbAlpha);
        }

        public Config withSeed(long s) {
            return new Config(features, buckets, dim, epochs, batch, learningRate, dropout, featureDropout, minCount, maxRows, pooling, members, s, embeddingSgdLr, nbAlpha);
        }

        public Config withEpochs(int e) {
            return new Config(features, buckets, dim, e, batch, learningRate, dropout, featureDropout, minCount, maxRows, pooling, members, seed, embeddingSgdLr, nbAlpha);
        }

        public Config withBatch(int b) {
            return new Config(features, buckets, dim, epochs, b, learningRate, dropout, featureDropout, minCount, maxRows, pooling, members, seed, embeddingSgdLr, nbAlpha);
        }

        public Config withLearningRate(float lr) {
            return new Config(features, buckets, dim, epochs, batch, lr, dropout, featureDropout, minCount, maxRows, pooling, members, seed, embeddingSgdLr, nbAlpha);
        }

        public Config withDropout(float d, float fd) {
            return new Config(features, buckets, dim, epochs, batch, learningRate, d, fd, minCount, maxRows, pooling, members, seed, embeddingSgdLr, nbAlpha);
        }

        public Config withRows(int min, int max) {
            return new Config(features, buckets, dim, epochs, batch, learningRate, dropout, featureDropout, min, max, pooling, members, seed, embeddingSgdLr, nbAlpha);
        }

        /** Plain SGD (fastText style, linearly decayed) for the embedding table at this rate; 0 = lazy Adam. */
        public Config withEmbeddingSgd(float lr) {
            return new Config(features, buckets, dim, epochs, batch, learningRate, dropout, featureDropout, minCount, maxRows, pooling, members, seed, lr, nbAlpha);
        }

        /** NB log-count-ratio row weighting (NBSVM style) with add-{@code alpha} smoothing; 0 = plain idf. */
        public Config withNbWeighting(float alpha) {
            return new Config(features, buckets, dim, epochs, batch, learningRate, dropout, featureDropout, minCount, maxRows, pooling, members, seed, embeddingSgdLr, alpha);
        }

        public Config withDim(int d) {
            return new Config(features, buckets, d, epochs, batch, learningRate, dropout, featureDropout, minCount, maxRows, pooling, members, seed, embeddingSgdLr, nbAlpha);
        }
    }

    /** The trained model plus training statistics. */
    public record Result(HashedBagModel model, double trainSeconds, double finalLoss, double finalTrainAccuracy,
            double javaVsDjlMaxAbsDiff) {}

    private BagTrainer() {}

    static {
        DjlDefaults.apply();
    }

    /**
     * Trains on {@code texts} with gold label indices {@code y} into {@code labels}. Progress (epoch, loss,
     * accuracy) goes to {@code progress} (null for silence).
     */
    public static Result train(List<String> labels, List<String> texts, int[] y, Config cfg, PrintStream progress) {
        long t0 = System.nanoTime();
        NgramFeaturizer fz = new NgramFeaturizer(cfg.features());
        List<int[]> bucketed = new ArrayList<>(texts.size());
        int[] count = new int[cfg.buckets()];
        for (String t : texts) {
            long[] f = fz.features(t);
            int[] r = new int[f.length];
            for (int i = 0; i < f.length; i++) {
                r[i] = NgramFeaturizer.bucket(f[i], cfg.buckets());
                count[r[i]]++;
            }
            bucketed.add(r);
        }
        int[] used = usedBuckets(count, cfg.minCount(), cfg.maxRows());
        int[] rowOf = HashedBagModel.rowMap(cfg.buckets(), used);
        List<int[]> rows = new ArrayList<>(bucketed.size());
        int[] unseen = new int[bucketed.size()]; // distinct n-grams without a row, per example (TFIDF_OOV pooling)
        for (int[] r : bucketed) {
            int k = 0, u = 0;
            int[] mapped = new int[r.length], dropped = new int[r.length];
            for (int bkt : r) {
                if (rowOf[bkt] >= 0) {
                    mapped[k++] = rowOf[bkt];
                } else {
                    dropped[u++] = bkt;
                }
            }
            unseen[rows.size()] = HashedBagModel.distinct(dropped, u);
            rows.add(java.util.Arrays.copyOf(mapped, k));
        }
        float[] rowWeight = cfg.pooling() != Pooling.MEAN ? idf(rows, used.length) : null;
        if (rowWeight != null && cfg.nbAlpha() > 0) {
            float[] nb = NbWeights.of(rows, y, labels.size(), used.length, cfg.nbAlpha());
            for (int r = 0; r < rowWeight.length; r++) {
                rowWeight[r] *= nb[r];
            }
        }
        if (progress != null) {
            progress.printf(Locale.ROOT, "%d examples, %d labels, %d of %d hash buckets used (min count %d) x dim %d, %s pooling%s%n",
                    texts.size(), labels.size(), used.length, cfg.buckets(), cfg.minCount(), cfg.dim(), cfg.pooling(),
                    cfg.members() > 1 ? ", ensemble of " + cfg.members() : "");
        }
        if (cfg.members() <= 1) {
            Result r = trainMember(labels, rows, unseen, used, rowWeight, y, cfg, progress);
            return new Result(r.model(), (System.nanoTime() - t0) / 1e9, r.finalLoss(), r.finalTrainAccuracy(), r.javaVsDjlMaxAbsDiff());
        }
        // Members train one after another: DJL's PyTorch engine allows one gradient collector per process.
        List<HashedBagModel> members = new ArrayList<>();
        double loss = 0, acc = 0, diff = 0;
        for (int k = 0; k < cfg.members(); k++) {
            if (progress != null) {
                progress.printf(Locale.ROOT, "member %d/%d%n", k + 1, cfg.members());
            }
            Result r = trainMember(labels, rows, unseen, used, rowWeight, y, cfg.withSeed(cfg.seed() + k), progress);
            members.add(r.model());
            loss += r.finalLoss() / cfg.members();
            acc += r.finalTrainAccuracy() / cfg.members();
            diff = Math.max(diff, r.javaVsDjlMaxAbsDiff());
        }
        HashedBagModel avg = HashedBagModel.average(members);
        for (int i = 0; i < Math.min(256, rows.size()); i++) { // the merged model is exactly the members' mean
            int[] r = rows.get((int) ((long) i * rows.size() / Math.min(256, rows.size())));
            int ui = unseen[(int) ((long) i * rows.size() / Math.min(256, rows.size()))];
            float[] merged = avg.logitsOfRows(r, r.length, ui);
            float[] mean = new float[merged.length];
            for (HashedBagModel m : members) {
                float[] l = m.logitsOfRows(r, r.length, ui);
                for (int j = 0; j < mean.length; j++) {
                    mean[j] += l[j] / members.size();
                }
            }
            for (int j = 0; j < mean.length; j++) {
                diff = Math.max(diff, Math.abs(mean[j] - merged[j]));
            }
        }
        if (!(diff <= 1e-4)) {
            throw new IllegalStateException("ensemble disagrees with its members by " + diff);
        }
        return new Result(avg, (System.nanoTime() - t0) / 1e9, loss, acc, diff);
    }

    /** Trains one model on already-bucketed rows; its Java inference is checked against DJL. */
    static Result trainMember(List<String> labels, List<int[]> rows, int[] unseen, int[] used, float[] rowWeight, int[] y, Config cfg,
            PrintStream progress) {
        long t0 = System.nanoTime();
        int n = rows.size(), c = labels.size();
        int stepsPerEpoch = (n + cfg.batch() - 1) / cfg.batch();
        int totalSteps = Math.max(1, stepsPerEpoch * cfg.epochs());
        float lr0 = cfg.learningRate();
        Tracker linearDecay = step -> lr0 * Math.max(0.02f, 1f - (float) step / totalSteps);
        HashedBagModel model;
        double lastLoss = Double.NaN, lastAcc = Double.NaN, diff;
        int dim = cfg.dim();
        Random rnd = new Random(cfg.seed());
        // The embedding table and its Adam moments live in Java arrays; each step DJL gets only the batch's rows.
        float[] table = new float[used.length * dim];
        for (int i = 0; i < table.length; i++) {
            table[i] = (rnd.nextFloat() * 2 - 1) / dim; // fastText init U(-1/dim, 1/dim)
        }
        SparseAdam adam = new SparseAdam(table, dim);
        try (Model m = Model.newInstance("intent-bag", "PyTorch")) {
            // seed PyTorch too (dropout masks, Xavier init): with one thread a run is then reproducible
            ai.djl.engine.Engine.getEngine("PyTorch").setRandomSeed((int) cfg.seed());
            BagBlock block = new BagBlock(dim, c, cfg.dropout());
            m.setBlock(block);
            DefaultTrainingConfig tc = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(linearDecay).build());
            try (Trainer trainer = m.newTrainer(tc)) {
                trainer.initialize(new Shape(cfg.batch(), 8), new Shape(cfg.batch(), 8), new Shape(16, dim));
                NDManager manager = trainer.getManager();
                int[] order = new int[n];
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                int step = 0;
                for (int epoch = 1; epoch <= cfg.epochs(); epoch++) {
                    long e0 = System.nanoTime();
                    shuffle(order, rnd);
                    double lossSum = 0;
                    long correct = 0, seen = 0;
                    int steps = 0;
                    for (int start = 0; start < n; start += cfg.batch()) {
                        int bs = Math.min(cfg.batch(), n - start);
                        try (NDManager sub = manager.newSubManager()) {
                            Batch bt = batch(rows, unseen, order, start, bs, cfg.featureDropout(), rnd, rowWeight, cfg.pooling());
                            NDArray tableRows = sub.create(bt.gather(table, dim), new Shape(bt.unique.length, dim));
                            tableRows.setRequiresGradient(true);
                            NDList in = new NDList(sub.create(bt.idx, new Shape(bs, bt.len)), sub.create(bt.wt, new Shape(bs, bt.len)),
                                    tableRows);
                            long[] gold = new long[bs];
                            for (int i = 0; i < bs; i++) {
                                gold[i] = y[order[start + i]];
                            }
                            NDArray label = sub.create(gold);
                            float[] grad;
                            try (GradientCollector gc = trainer.newGradientCollector()) {
                                NDArray pred = trainer.forward(in).singletonOrThrow();
                                NDArray loss = trainer.getLoss().evaluate(new NDList(label), new NDList(pred));
                                lossSum += loss.getFloat() * bs;
                                long[] am = pred.argMax(1).toLongArray();
                                for (int i = 0; i < bs; i++) {
                                    correct += am[i] == gold[i] ? 1 : 0;
                                }
                                seen += bs;
                                gc.backward(loss);
                                grad = tableRows.getGradient().toFloatArray();
                            }
                            trainer.step();
                            if (cfg.embeddingSgdLr() > 0) {
                                float lr = cfg.embeddingSgdLr() * linearDecay.getNewValue(step++) / lr0;
                                for (int u = 0; u < bt.unique.length; u++) {
                                    int off = bt.unique[u] * dim, go = u * dim;
                                    for (int d = 0; d < dim; d++) {
                                        table[off + d] -= lr * grad[go + d];
                                    }
                                }
                            } else {
                                adam.update(bt.unique, grad, linearDecay.getNewValue(step++));
                            }
                        }
                        steps++;
                        if (progress != null && (steps % 20 == 0 || start + bs >= n)) {
                            int done = 30 * (start + bs) / n;
                            progress.printf(Locale.ROOT, "\repoch %2d/%d [%-30s] loss %.4f acc %.3f", epoch, cfg.epochs(),
                                    "#".repeat(done), lossSum / seen, (double) correct / seen);
                        }
                    }
                    lastLoss = lossSum / Math.max(1, seen);
                    lastAcc = (double) correct / Math.max(1, seen);
                    if (progress != null) {
                        progress.printf(Locale.ROOT, "\repoch %2d/%d [%-30s] loss %.4f acc %.3f (%.1fs)%n", epoch,
                                cfg.epochs(), "#".repeat(30), lastLoss, lastAcc, (System.nanoTime() - e0) / 1e9);
                    }
                }
                model = new HashedBagModel(labels, cfg.features(), cfg.buckets(), used, dim, table,
                        block.weight.getArray().toFloatArray(), block.bias.getArray().toFloatArray(), rowWeight, cfg.pooling());
                diff = selfTest(trainer, model, rows, unseen, table, dim, rowWeight, cfg.pooling());
            }
        }
        if (!(diff <= 1e-4)) {
            throw new IllegalStateException("pure-Java inference disagrees with DJL by " + diff);
        }
        return new Result(model, (System.nanoTime() - t0) / 1e9, lastLoss, lastAcc, diff);
    }

    /** Buckets with at least {@code minCount} occurrences, at most {@code maxRows} (most frequent), ascending. */
    static int[] usedBuckets(int[] count, int minCount, int maxRows) {
        int n = 0;
        for (int v : count) {
            n += v >= Math.max(1, minCount) ? 1 : 0;
        }
        int[] used = new int[n];
        int k = 0;
        for (int i = 0; i < count.length; i++) {
            if (count[i] >= Math.max(1, minCount)) {
                used[k++] = i;
            }
        }
        if (n > maxRows) {
            Integer[] byFreq = new Integer[n];
            for (int i = 0; i < n; i++) {
                byFreq[i] = used[i];
            }
            java.util.Arrays.sort(byFreq, (x, y) -> count[y] != count[x] ? Integer.compare(count[y], count[x]) : Integer.compare(x, y));
            used = new int[maxRows];
            for (int i = 0; i < maxRows; i++) {
                used[i] = byFreq[i];
            }
            java.util.Arrays.sort(used);
        }
        return used;
    }

    /** Max |Java logit − DJL logit| over up to 256 training rows (DJL in inference mode: no dropout). */
    static double selfTest(Trainer trainer, HashedBagModel model, List<int[]> rows, int[] unseen, float[] table, int dim, float[] rowWeight,
            Pooling pooling) {
        int k = Math.min(256, rows.size());
        int[] order = new int[k];
        for (int i = 0; i < k; i++) {
            order[i] = (int) ((long) i * rows.size() / k);
        }
        double max = 0;
        try (NDManager sub = trainer.getManager().newSubManager()) {
            Batch bt = batch(rows, unseen, order, 0, k, 0f, null, rowWeight, pooling);
            NDList in = new NDList(sub.create(bt.idx, new Shape(k, bt.len)), sub.create(bt.wt, new Shape(k, bt.len)),
                    sub.create(bt.gather(table, dim), new Shape(bt.unique.length, dim)));
            float[] djl = trainer.evaluate(in).singletonOrThrow().toFloatArray();
            int c = model.labels().size();
            for (int i = 0; i < k; i++) {
                int[] r = rows.get(order[i]);
                float[] java = model.logitsOfRows(r, r.length, unseen[order[i]]);
                for (int j = 0; j < c; j++) {
                    max = Math.max(max, Math.abs(java[j] - djl[i * c + j]));
                }
            }
        }
        return max;
    }

    /** A padded batch: batch-local indices into {@code unique} (global rows), pooling weights 1/n. */
    static final class Batch {
        long[] idx;
        float[] wt;
        int len;
        int[] unique;

        float[] gather(float[] table, int dim) {
            float[] out = new float[Math.max(1, unique.length) * dim];
            for (int u = 0; u < unique.length; u++) {
                System.arraycopy(table, unique[u] * dim, out, u * dim, dim);
            }
            return out;
        }
    }

    /** Smoothed idf per row: {@code ln((1+N)/(1+df)) + 1}. */
    static float[] idf(List<int[]> rows, int nRows) {
        int[] df = new int[nRows];
        int[] lastDoc = new int[nRows];
        java.util.Arrays.fill(lastDoc, -1);
        for (int d = 0; d < rows.size(); d++) {
            for (int r : rows.get(d)) {
                if (lastDoc[r] != d) {
                    lastDoc[r] = d;
                    df[r]++;
                }
            }
        }
        float[] w = new float[nRows];
        for (int r = 0; r < nRows; r++) {
            w[r] = (float) (Math.log((1.0 + rows.size()) / (1.0 + df[r])) + 1.0);
        }
        return w;
    }

    static Batch batch(List<int[]> rows, int[] unseen, int[] order, int start, int bs, float featureDropout, Random rnd,
            float[] rowWeight, Pooling pooling) {
        double unseenNorm2 = (double) HashedBagModel.maxIdf(rowWeight) * HashedBagModel.maxIdf(rowWeight);
        int len = 1;
        for (int i = 0; i < bs; i++) {
            len = Math.max(len, rows.get(order[start + i]).length);
        }
        Batch b = new Batch();
        b.len = len;
        b.idx = new long[bs * len];
        b.wt = new float[bs * len];
        java.util.HashMap<Integer, Integer> local = new java.util.HashMap<>();
        List<Integer> unique = new ArrayList<>();
        for (int i = 0; i < bs; i++) {
            int[] r = rows.get(order[start + i]);
            int kept = 0;
            int[] keptRows = new int[r.length];
            for (int row : r) {
                if (featureDropout > 0 && rnd != null && r.length > 2 && rnd.nextFloat() < featureDropout) {
                    continue;
                }
                Integer l = local.get(row);
                if (l == null) {
                    l = unique.size();
                    local.put(row, l);
                    unique.add(row);
                }
                b.idx[i * len + kept] = l;
                keptRows[kept++] = row;
            }
            float[] w = HashedBagModel.poolingWeights(keptRows, kept, rowWeight, pooling, unseen[order[start + i]] * unseenNorm2);
            System.arraycopy(w, 0, b.wt, i * len, kept);
        }
        b.unique = unique.stream().mapToInt(Integer::intValue).toArray();
        return b;
    }

    static void shuffle(int[] a, Random rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
