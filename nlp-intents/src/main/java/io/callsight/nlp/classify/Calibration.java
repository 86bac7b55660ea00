package io.callsight.nlp.classify;

import java.util.List;

/** Temperature scaling (Guo et al. 2017), expected calibration error, and out-of-scope threshold tuning. */
public final class Calibration {
    private Calibration() {}

    public static double[] softmax(float[] logits, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp((logits[i] - max) / temperature);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    public static Prediction decide(List<String> labels, float[] logits, double temperature, double threshold) {
        int best = argmax(logits);
        double max = logits[best], sum = 0;
        for (float l : logits) {
            sum += Math.exp((l - max) / temperature);
        }
        double conf = 1.0 / sum;
        String label = labels.get(best);
        boolean oos = label.equals(TextClassifier.OUT_OF_SCOPE) || threshold > 0 && conf < threshold;
        return new Prediction(oos ? TextClassifier.OUT_OF_SCOPE : label, label, best, conf, oos);
    }

    public static int argmax(float[] v) {
        int b = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[b]) {
                b = i;
            }
        }
        return b;
    }

    /** Mean negative log-likelihood of the gold labels at temperature {@code t}. */
    public static double nll(List<float[]> logits, int[] gold, double t) {
        double s = 0;
        for (int i = 0; i < gold.length; i++) {
            float[] l = logits.get(i);
            double max = Double.NEGATIVE_INFINITY;
            for (float x : l) {
                max = Math.max(max, x / t);
            }
            double z = 0;
            for (float x : l) {
                z += Math.exp(x / t - max);
            }
            s -= l[gold[i]] / t - max - Math.log(z);
        }
        return s / Math.max(1, gold.length);
    }

    /** Fits the temperature minimizing validation NLL (golden-section search on log T in [-3, 3]). */
    public static double fitTemperature(List<float[]> logits, int[] gold) {
        if (gold.length == 0) {
            return 1;
        }
        double a = -3, b = 3, g = (Math.sqrt(5) - 1) / 2;
        double c = b - g * (b - a), d = a + g * (b - a);
        double fc = nll(logits, gold, Math.exp(c)), fd = nll(logits, gold, Math.exp(d));
        for (int it = 0; it < 60; it++) {
            if (fc < fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - g * (b - a);
                fc = nll(logits, gold, Math.exp(c));
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + g * (b - a);
                fd = nll(logits, gold, Math.exp(d));
            }
        }
        return Math.exp((a + b) / 2);
    }

    /** Expected calibration error with 15 equal-width confidence bins. */
    public static double ece(List<float[]> logits, int[] gold, double t) {
        int bins = 15;
        double[] conf = new double[bins], acc = new double[bins];
        int[] n = new int[bins];
        for (int i = 0; i < gold.length; i++) {
            double[] p = softmax(logits.get(i), t);
            int best = 0;
            for (int k = 1; k < p.length; k++) {
                if (p[k] > p[best]) {
                    best = k;
                }
            }
            int bin = Math.min(bins - 1, (int) (p[best] * bins));
            conf[bin] += p[best];
            acc[bin] += best == gold[i] ? 1 : 0;
            n[bin]++;
        }
        double e = 0;
        for (int b = 0; b < bins; b++) {
            if (n[b] > 0) {
                e += Math.abs(acc[b] - conf[b]) / gold.length;
            }
        }
        return e;
    }

    /** Expected share of out-of-scope traffic used to weigh the threshold objective (CLINC150 test has 18 %). */
    public static final double DEFAULT_OOS_PRIOR = 0.25;

    public static double tuneOosThreshold(List<float[]> logits, int[] gold, double t) {
        return tuneOosThreshold(logits, gold, t, DEFAULT_OOS_PRIOR, -1);
    }

    /**
     * Picks the max-probability threshold maximizing {@code (1-prior)·inScopeAccuracy + prior·oosRecall} on
     * validation data (in-scope accuracy = correct and not rejected; OOS recall = rejected). Weighting by the
     * expected OOS share instead of the raw validation counts keeps a small OOS validation set (CLINC150: 100) from
     * being drowned out, without trading away in-scope accuracy as a 50/50 balance does. Gold {@code -1} = OOS.
     * A model with an out-of-scope class ({@code oosClass} ≥ 0) rejects whatever it assigns to that class as well.
     */
    public static double tuneOosThreshold(List<float[]> logits, int[] gold, double t, double prior, int oosClass) {
        int inN = 0, oosN = 0;
        for (int g : gold) {
            if (g < 0) {
                oosN++;
            } else {
                inN++;
            }
        }
        if (oosN == 0 || inN == 0) {
            return 0;
        }
        double[] conf = new double[gold.length];
        boolean[] correct = new boolean[gold.length];
        int[] top = new int[gold.length];
        for (int i = 0; i < gold.length; i++) {
            Prediction p = decide(java.util.Collections.nCopies(logits.get(i).length, ""), logits.get(i), t, 0);
            conf[i] = p.confidence();
            correct[i] = p.bestIndex() == gold[i];
            top[i] = p.bestIndex();
        }
        double best = 0, bestScore = -1;
        for (int step = 1; step < 200; step++) {
            double th = step / 200.0;
            int inOk = 0, oosOk = 0;
            for (int i = 0; i < gold.length; i++) {
                boolean reject = conf[i] < th || top[i] == oosClass;
                if (gold[i] < 0) {
                    oosOk += reject ? 1 : 0;
                } else {
                    inOk += (!reject && correct[i]) ? 1 : 0;
                }
            }
            double score = (1 - prior) * inOk / inN + prior * oosOk / oosN;
            if (score > bestScore + 1e-12) {
                bestScore = score;
                best = th;
            }
        }
        return best;
    }
}
