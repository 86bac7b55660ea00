package io.callsight.nlp.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The linear baseline: TF-IDF over the same word (1–2) + char (2–5) n-grams, with a vocabulary built from the
 * training data (sublinear tf, smoothed idf, L2-normalized rows), and a multinomial logistic regression trained in
 * plain Java by SGD with L2 regularization (Bottou's scaled-weight trick keeps updates sparse).
 */
public final class TfidfLinearModel extends CalibratedClassifier {
    public static final String KIND = "tfidf-logreg";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** SGD settings. */
    public record Params(int epochs, double learningRate, double l2, long seed, int minDf) {
        public static Params defaults() {
            return new Params(12, 0.5, 1e-6, 1, 1);
        }
    }

    private final List<String> labels;
    private final FeatureConfig featureConfig;
    private final NgramFeaturizer featurizer;
    private final LongIntMap vocab;
    private final float[] idf;
    private final float[] w; // [feature * classes + class]
    private final float[] b;

    private TfidfLinearModel(List<String> labels, FeatureConfig fc, LongIntMap vocab, float[] idf, float[] w, float[] b) {
        this.labels = List.copyOf(labels);
        this.featureConfig = fc;
        this.featurizer = new NgramFeaturizer(fc);
        this.vocab = vocab;
        this.idf = idf;
        this.w = w;
        this.b = b;
    }

    public int vocabularySize() {
        return idf.length;
    }

    /** Trains on {@code texts} with gold indices {@code y} into {@code labels}. */
    public static TfidfLinearModel train(List<String> labels, List<String> texts, int[] y, FeatureConfig fc, Params p) {
        NgramFeaturizer fz = new NgramFeaturizer(fc);
        List<long[]> feats = new ArrayList<>(texts.size());
        LongIntMap vocab = new LongIntMap(1 << 16);
        List<Integer> dfList = new ArrayList<>();
        for (String t : texts) {
            long[] f = fz.features(t);
            feats.add(f);
            LongIntMap seen = new LongIntMap(f.length);
            for (long h : f) {
                if (seen.get(h) >= 0) {
                    continue;
                }
                seen.put(h, 1);
                int id = vocab.get(h);
                if (id < 0) {
                    vocab.put(h, dfList.size());
                    dfList.add(1);
                } else {
                    dfList.set(id, dfList.get(id) + 1);
                }
            }
        }
        if (p.minDf() > 1) {
            LongIntMap kept = new LongIntMap(vocab.size());
            long[] e = vocab.entries();
            List<Integer> df2 = new ArrayList<>();
            for (int i = 0; i < e.length; i += 2) {
                int df = dfList.get((int) e[i + 1]);
                if (df >= p.minDf()) {
                    kept.put(e[i], df2.size());
                    df2.add(df);
                }
            }
            vocab = kept;
            dfList = df2;
        }
        int v = dfList.size(), c = labels.size(), n = texts.size();
        float[] idf = new float[v];
        for (int i = 0; i < v; i++) {
            idf[i] = (float) (Math.log((1.0 + n) / (1.0 + dfList.get(i))) + 1.0);
        }
        TfidfLinearModel m = new TfidfLinearModel(labels, fc, vocab, idf, new float[v * c], new float[c]);
        int[][] idx = new int[n][];
        float[][] val = new float[n][];
        for (int i = 0; i < n; i++) {
            Sparse s = m.vectorize(feats.get(i));
            idx[i] = s.idx;
            val[i] = s.val;
        }
        m.sgd(idx, val, y, p);
        return m;
    }

    private void sgd(int[][] idx, float[][] val, int[] y, Params p) {
        int n = y.length, c = labels.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random rnd = new Random(p.seed());
        double scale = 1;
        double[] score = new double[c];
        long t = 0;
        for (int epoch = 0; epoch < p.epochs(); epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
            for (int oi = 0; oi < n; oi++) {
                int e = order[oi];
                double eta = p.learningRate() / (1 + p.learningRate() * p.l2() * t++);
                int[] ix = idx[e];
                float[] vx = val[e];
                for (int k = 0; k < c; k++) {
                    score[k] = b[k];
                }
                for (int f = 0; f < ix.length; f++) {
                    int off = ix[f] * c;
                    double xv = vx[f] * scale;
                    for (int k = 0; k < c; k++) {
                        score[k] += w[off + k] * xv;
                    }
                }
                double max = Double.NEGATIVE_INFINITY;
                for (double s : score) {
                    max = Math.max(max, s);
                }
                double z = 0;
                for (int k = 0; k < c; k++) {
                    score[k] = Math.exp(score[k] - max);
                    z += score[k];
                }
                scale *= (1 - eta * p.l2());
                if (scale < 1e-6) {
                    for (int k = 0; k < w.length; k++) {
                        w[k] *= (float) scale;
                    }
                    scale = 1;
                }
                for (int k = 0; k < c; k++) {
                    double g = score[k] / z - (k == y[e] ? 1 : 0); // d loss / d score_k
                    score[k] = g;
                    b[k] -= (float) (eta * g);
                }
                for (int f = 0; f < ix.length; f++) {
                    int off = ix[f] * c;
                    double step = eta * vx[f] / scale;
                    for (int k = 0; k < c; k++) {
                        w[off + k] -= (float) (step * score[k]);
                    }
                }
            }
        }
        for (int k = 0; k < w.length; k++) {
            w[k] *= (float) scale;
        }
    }

    private record Sparse(int[] idx, float[] val) {}

    private Sparse vectorize(long[] feats) {
        LongIntMap pos = new LongIntMap(feats.length);
        int[] ids = new int[feats.length];
        float[] tf = new float[feats.length];
        int n = 0;
        for (long h : feats) {
            int id = vocab.get(h);
            if (id < 0) {
                continue;
            }
            int at = pos.get(id);
            if (at < 0) {
                pos.put(id, n);
                ids[n] = id;
                tf[n++] = 1;
            } else {
                tf[at]++;
            }
        }
        double norm = 0;
        float[] val = new float[n];
        for (int i = 0; i < n; i++) {
            val[i] = (float) ((1 + Math.log(tf[i])) * idf[ids[i]]);
            norm += val[i] * val[i];
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < n; i++) {
            val[i] /= (float) Math.max(norm, 1e-12);
        }
        return new Sparse(java.util.Arrays.copyOf(ids, n), val);
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public float[] logits(String text) {
        Sparse s = vectorize(featurizer.features(text));
        int c = labels.size();
        float[] out = b.clone();
        for (int f = 0; f < s.idx.length; f++) {
            int off = s.idx[f] * c;
            float xv = s.val[f];
            for (int k = 0; k < c; k++) {
                out[k] += w[off + k] * xv;
            }
        }
        return out;
    }

    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", KIND);
        m.put("labels", labels);
        m.put("features", featureConfig);
        m.put("vocabulary", idf.length);
        m.put("temperature", temperature());
        m.put("oos_threshold", oosThreshold());
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("model.json").toFile(), m);
        long[] e = vocab.entries();
        long[] keys = new long[idf.length]; // 64-bit feature hash by vocabulary index
        for (int i = 0; i < e.length; i += 2) {
            keys[(int) e[i + 1]] = e[i];
        }
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.allocate(keys.length * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        bb.asLongBuffer().put(keys);
        Files.write(dir.resolve("vocab.bin"), bb.array());
        FloatIo.write(dir.resolve("weights.bin"), idf, w, b);
    }

    public static TfidfLinearModel load(Path dir) throws IOException {
        JsonNode m = JSON.readTree(dir.resolve("model.json").toFile());
        List<String> labels = new ArrayList<>();
        m.get("labels").forEach(x -> labels.add(x.asText()));
        FeatureConfig fc = JSON.treeToValue(m.get("features"), FeatureConfig.class);
        int v = m.get("vocabulary").asInt(), c = labels.size();
        float[][] a = FloatIo.read(dir.resolve("weights.bin"), v, (long) v * c, c);
        java.nio.LongBuffer keys = java.nio.ByteBuffer.wrap(Files.readAllBytes(dir.resolve("vocab.bin")))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).asLongBuffer();
        LongIntMap vocab = new LongIntMap(v);
        for (int id = 0; id < v; id++) {
            vocab.put(keys.get(id), id);
        }
        TfidfLinearModel model = new TfidfLinearModel(labels, fc, vocab, a[0], a[1], a[2]);
        model.setCalibration(m.path("temperature").asDouble(1), m.path("oos_threshold").asDouble(0));
        return model;
    }
}
