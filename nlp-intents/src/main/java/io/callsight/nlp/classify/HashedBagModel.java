package io.callsight.nlp.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pure-Java inference for the fastText-style model trained with DJL: hashed word/char n-gram embedding bag, mean
 * pooling ({@link Pooling}: mean, idf-weighted mean or L2-normalized TF-IDF), one linear softmax layer. No DJL at
 * inference: {@code logits = W · Σ_f w_f E[row(bucket(f))] + b}. An ensemble of members trained on the same rows is
 * one such model with the members' tables side by side ({@link #average}).
 * Only the hash buckets seen in training get an embedding row ({@code usedBuckets}, sorted; row i belongs to
 * bucket {@code usedBuckets[i]}); features in unseen buckets are skipped, exactly as in training.
 * On disk: {@code model.json} (labels, features, sizes, temperature, OOS threshold), {@code buckets.bin}
 * (little-endian int32 used buckets) and {@code weights.bin} (little-endian float32: E [rows×dim], W [classes×dim],
 * b [classes]).
 */
public final class HashedBagModel extends CalibratedClassifier {
    public static final String KIND = "hashed-ngram-embedding-bag";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<String> labels;
    private final FeatureConfig featureConfig;
    private final NgramFeaturizer featurizer;
    private final int buckets;
    private final int[] usedBuckets;
    private final int[] rowOfBucket;
    private final int dim;
    private final float[] embedding;
    private final float[] weight;
    private final float[] bias;
    private final float[] rowWeight;
    private final Pooling pooling;
    private final float maxIdf;

    public HashedBagModel(List<String> labels, FeatureConfig featureConfig, int buckets, int[] usedBuckets, int dim,
            float[] embedding, float[] weight, float[] bias) {
        this(labels, featureConfig, buckets, usedBuckets, dim, embedding, weight, bias, null);
    }

    /**
     * @param rowWeight per-row pooling weight (idf), or null for a plain mean: the pooled vector is
     *     {@code Σ w_r E_r / Σ w_r} over the utterance's feature rows
     */
    public HashedBagModel(List<String> labels, FeatureConfig featureConfig, int buckets, int[] usedBuckets, int dim,
            float[] embedding, float[] weight, float[] bias, float[] rowWeight) {
        this(labels, featureConfig, buckets, usedBuckets, dim, embedding, weight, bias, rowWeight,
                rowWeight == null ? Pooling.MEAN : Pooling.IDF);
    }

    /**
     * @param rowWeight per-row idf (null only with {@link Pooling#MEAN})
     * @param pooling how the rows are weighed ({@link #poolingWeights})
     */
    public HashedBagModel(List<String> labels, FeatureConfig featureConfig, int buckets, int[] usedBuckets, int dim,
            float[] embedding, float[] weight, float[] bias, float[] rowWeight, Pooling pooling) {
        if ((rowWeight == null) != (pooling == Pooling.MEAN)) {
            throw new IllegalArgumentException(pooling + " pooling " + (rowWeight == null ? "needs" : "takes no") + " row weights");
        }
        this.pooling = pooling;
        this.maxIdf = maxIdf(rowWeight);
        if (rowWeight != null && rowWeight.length != usedBuckets.length) {
            throw new IllegalArgumentException("rowWeight length must equal rows");
        }
        this.rowWeight = rowWeight;
        if (embedding.length != (long) usedBuckets.length * dim || weight.length != labels.size() * dim || bias.length != labels.size()) {
            throw new IllegalArgumentException("weight shapes do not match buckets/dim/classes");
        }
        this.labels = List.copyOf(labels);
        this.featureConfig = featureConfig;
        this.featurizer = new NgramFeaturizer(featureConfig);
        this.buckets = buckets;
        this.usedBuckets = usedBuckets;
        this.rowOfBucket = rowMap(buckets, usedBuckets);
        this.dim = dim;
        this.embedding = embedding;
        this.weight = weight;
        this.bias = bias;
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    public FeatureConfig featureConfig() {
        return featureConfig;
    }

    public NgramFeaturizer featurizer() {
        return featurizer;
    }

    public int buckets() {
        return buckets;
    }

    public int dim() {
        return dim;
    }

    public long parameterCount() { // embedding rows actually stored + output layer
        return (long) embedding.length + weight.length + bias.length;
    }

    /** Bucket → embedding row (-1 for buckets never seen in training). */
    public static int[] rowMap(int buckets, int[] usedBuckets) {
        int[] map = new int[buckets];
        java.util.Arrays.fill(map, -1);
        for (int i = 0; i < usedBuckets.length; i++) {
            if (i > 0 && usedBuckets[i] <= usedBuckets[i - 1]) {
                throw new IllegalArgumentException("usedBuckets must be strictly increasing");
            }
            map[usedBuckets[i]] = i;
        }
        return map;
    }

    public int rowCount() {
        return usedBuckets.length;
    }

    @Override
    public float[] logits(String text) {
        NgramFeaturizer.Buffer b = new NgramFeaturizer.Buffer();
        featurizer.features(text, b);
        int[] rows = new int[b.size()];
        int[] unseen = pooling == Pooling.TFIDF_OOV ? new int[b.size()] : null;
        int n = 0, u = 0;
        for (int i = 0; i < rows.length; i++) {
            int bucket = NgramFeaturizer.bucket(b.get(i), buckets);
            int r = rowOfBucket[bucket];
            if (r >= 0) {
                rows[n++] = r;
            } else if (unseen != null) {
                unseen[u++] = bucket;
            }
        }
        return logitsOfRows(rows, n, distinct(unseen, u));
    }

    /** Number of distinct values among the first {@code n} of {@code a} (0 for null); sorts that prefix. */
    public static int distinct(int[] a, int n) {
        if (a == null || n == 0) {
            return 0;
        }
        java.util.Arrays.sort(a, 0, n);
        int d = 1;
        for (int i = 1; i < n; i++) {
            d += a[i] != a[i - 1] ? 1 : 0;
        }
        return d;
    }

    /** The largest row weight (idf), 0 without row weights: the idf an n-gram unseen in training gets. */
    public static float maxIdf(float[] rowWeight) {
        float m = 0;
        if (rowWeight != null) {
            for (float v : rowWeight) {
                m = Math.max(m, v);
            }
        }
        return m;
    }

    /** Logits for already-bucketed feature rows (the first {@code n} of {@code rows}). */
    public float[] logitsOfRows(int[] rows, int n) {
        return logitsOfRows(rows, n, 0);
    }

    /** Logits for feature rows plus {@code unseen} distinct n-grams without a row (they only matter to TFIDF_OOV). */
    public float[] logitsOfRows(int[] rows, int n, int unseen) {
        float[] h = new float[dim];
        float[] w = poolingWeights(rows, n, rowWeight, pooling, unseen * (double) maxIdf * maxIdf);
        for (int i = 0; i < n; i++) {
            int off = rows[i] * dim;
            float wi = w[i];
            for (int d = 0; d < dim; d++) {
                h[d] += wi * embedding[off + d];
            }
        }
        return affine(weight, bias, h);
    }

    public Pooling pooling() {
        return pooling;
    }

    /** Pooling weights of rows: {@code rowWeight[r] / Σ rowWeight} (1/n without row weights). */
    public static float[] poolingWeights(int[] rows, int n, float[] rowWeight) {
        return poolingWeights(rows, n, rowWeight, rowWeight == null ? Pooling.MEAN : Pooling.IDF);
    }

    /**
     * Per-occurrence pooling weights of the first {@code n} rows (a row occurring tf times gets its weight split
     * evenly over the occurrences, so the sums are per distinct row); shared with the trainer.
     */
    public static float[] poolingWeights(int[] rows, int n, float[] rowWeight, Pooling pooling) {
        return poolingWeights(rows, n, rowWeight, pooling, 0);
    }

    /** As above; {@code extraNorm2} adds to the squared L2 norm of TF-IDF pooling (unseen n-grams, TFIDF_OOV). */
    public static float[] poolingWeights(int[] rows, int n, float[] rowWeight, Pooling pooling, double extraNorm2) {
        if (pooling.tfidf()) {
            return tfidfWeights(rows, n, rowWeight, pooling == Pooling.TFIDF_OOV ? extraNorm2 : 0);
        }
        float[] w = new float[n];
        if (rowWeight == null) {
            java.util.Arrays.fill(w, n == 0 ? 0 : 1f / n);
            return w;
        }
        float sum = 0;
        for (int i = 0; i < n; i++) {
            sum += rowWeight[rows[i]];
        }
        for (int i = 0; i < n; i++) {
            w[i] = rowWeight[rows[i]] / sum;
        }
        return w;
    }

    /** {@code (1 + ln tf)·idf / tf} per occurrence, scaled so the distinct rows' values have unit L2 norm. */
    static float[] tfidfWeights(int[] rows, int n, float[] idf, double extraNorm2) {
        float[] w = new float[n];
        if (n == 0) {
            return w;
        }
        int[] s = java.util.Arrays.copyOf(rows, n);
        java.util.Arrays.sort(s);
        double norm2 = extraNorm2;
        for (int i = 0; i < n;) {
            int j = i + 1;
            while (j < n && s[j] == s[i]) {
                j++;
            }
            double v = (1 + Math.log(j - i)) * idf[s[i]];
            norm2 += v * v;
            i = j;
        }
        double inv = norm2 > 0 ? 1 / Math.sqrt(norm2) : 0; // NB row weights can all be 0 (evenly spread n-grams)
        for (int i = 0; i < n; i++) {
            int r = rows[i];
            int lo = java.util.Arrays.binarySearch(s, r), a = lo, b = lo;
            while (a > 0 && s[a - 1] == r) {
                a--;
            }
            while (b + 1 < n && s[b + 1] == r) {
                b++;
            }
            int tf = b - a + 1;
            w[i] = (float) ((1 + Math.log(tf)) * idf[r] / tf * inv);
        }
        return w;
    }

    /**
     * Averages models trained on the same rows (same data, features, buckets and pooling) into one: the embedding
     * tables are concatenated along the dimension and the output layers side by side, scaled by 1/k, so the logits
     * are exactly the mean of the members' logits — an ensemble at the cost of one bigger model, same file format.
     */
    public static HashedBagModel average(List<HashedBagModel> members) {
        HashedBagModel f = members.get(0);
        int k = members.size(), rows = f.usedBuckets.length, c = f.labels.size();
        int dim = 0;
        for (HashedBagModel m : members) {
            if (!java.util.Arrays.equals(m.usedBuckets, f.usedBuckets) || m.pooling != f.pooling || !m.labels.equals(f.labels)
                    || !java.util.Arrays.equals(m.rowWeight, f.rowWeight) || !m.featureConfig.equals(f.featureConfig)) {
                throw new IllegalArgumentException("ensemble members must share labels, features, rows and pooling");
            }
            dim += m.dim;
        }
        float[] e = new float[rows * dim], w = new float[c * dim], b = new float[c];
        int at = 0;
        for (HashedBagModel m : members) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(m.embedding, r * m.dim, e, r * dim + at, m.dim);
            }
            for (int j = 0; j < c; j++) {
                for (int d = 0; d < m.dim; d++) {
                    w[j * dim + at + d] = m.weight[j * m.dim + d] / k;
                }
                b[j] += m.bias[j] / k;
            }
            at += m.dim;
        }
        return new HashedBagModel(f.labels, f.featureConfig, f.buckets, f.usedBuckets, dim, e, w, b, f.rowWeight, f.pooling);
    }

    /** Embedding rows of a text's features (unseen buckets dropped), as the DJL trainer feeds them. */
    public int[] rows(String text) {
        long[] f = featurizer.features(text);
        int[] rows = new int[f.length];
        int n = 0;
        for (long h : f) {
            int r = rowOfBucket[NgramFeaturizer.bucket(h, buckets)];
            if (r >= 0) {
                rows[n++] = r;
            }
        }
        return java.util.Arrays.copyOf(rows, n);
    }

    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", KIND);
        m.put("labels", labels);
        m.put("features", featureConfig);
        m.put("buckets", buckets);
        m.put("rows", usedBuckets.length);
        m.put("dim", dim);
        m.put("temperature", temperature());
        m.put("oos_threshold", oosThreshold());
        m.put("weights", "weights.bin");
        m.put("idf_pooling", rowWeight != null);
        m.put("pooling", pooling.name().toLowerCase(java.util.Locale.ROOT));
        JSON.writeValue(dir.resolve("model.json").toFile(), m);
        FloatIo.write(dir.resolve("weights.bin"), embedding, weight, bias);
        if (rowWeight != null) {
            FloatIo.write(dir.resolve("rowweights.bin"), rowWeight);
        }
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.allocate(usedBuckets.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        bb.asIntBuffer().put(usedBuckets);
        Files.write(dir.resolve("buckets.bin"), bb.array());
    }

    public static HashedBagModel load(Path dir) throws IOException {
        JsonNode m = JSON.readTree(dir.resolve("model.json").toFile());
        if (!KIND.equals(m.path("kind").asText())) {
            throw new IOException(dir + " is not a " + KIND + " model");
        }
        List<String> labels = new ArrayList<>();
        m.get("labels").forEach(n -> labels.add(n.asText()));
        FeatureConfig fc = JSON.treeToValue(m.get("features"), FeatureConfig.class);
        int buckets = m.get("buckets").asInt(), rows = m.get("rows").asInt(), dim = m.get("dim").asInt();
        int[] used = new int[rows];
        java.nio.ByteBuffer.wrap(Files.readAllBytes(dir.resolve("buckets.bin"))).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .asIntBuffer().get(used);
        float[][] w = FloatIo.read(dir.resolve("weights.bin"), (long) rows * dim, (long) labels.size() * dim, labels.size());
        float[] rw = m.path("idf_pooling").asBoolean(false) ? FloatIo.read(dir.resolve("rowweights.bin"), rows)[0] : null;
        Pooling pooling = m.has("pooling") ? Pooling.valueOf(m.get("pooling").asText().toUpperCase(java.util.Locale.ROOT))
                : rw == null ? Pooling.MEAN : Pooling.IDF;
        HashedBagModel model = new HashedBagModel(labels, fc, buckets, used, dim, w[0], w[1], w[2], rw, pooling);
        model.setCalibration(m.path("temperature").asDouble(1), m.path("oos_threshold").asDouble(0));
        return model;
    }
}
