package io.callsight.nlp.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Naive-Bayes log-count ratios as feature weights (Wang &amp; Manning 2012, "NBSVM"): an n-gram that occurs in one
 * class far more often than in the others gets a large weight, one spread evenly over the classes a weight near zero.
 * Multiplied into the idf, this lets a bag of n-grams trained on a few thousand sentences lean on the polar words
 * from the start instead of having to learn to ignore the neutral ones.
 */
final class NbWeights {
    private NbWeights() {}

    /**
     * Per row: {@code max_c |ln(p_c / q_c)|}, with {@code p_c} the row's smoothed share of the document counts
     * (binarized: once per document) of class {@code c} and {@code q_c} its share of all other classes' counts;
     * {@code alpha} is the add-alpha smoothing. One class at a time, so memory stays at a few {@code nRows} arrays
     * even with 150 intents.
     */
    static float[] of(List<int[]> docs, int[] y, int classes, int nRows, float alpha) {
        List<int[]> distinct = new ArrayList<>(docs.size());
        for (int[] d : docs) {
            distinct.add(Arrays.stream(d).distinct().toArray());
        }
        int[] rowTotal = new int[nRows];
        long[] classTotal = new long[classes];
        long total = 0;
        for (int d = 0; d < distinct.size(); d++) {
            for (int r : distinct.get(d)) {
                rowTotal[r]++;
            }
            classTotal[y[d]] += distinct.get(d).length;
            total += distinct.get(d).length;
        }
        float[] w = new float[nRows];
        int[] in = new int[nRows];
        for (int k = 0; k < classes; k++) {
            Arrays.fill(in, 0);
            for (int d = 0; d < distinct.size(); d++) {
                if (y[d] == k) {
                    for (int r : distinct.get(d)) {
                        in[r]++;
                    }
                }
            }
            double pNorm = classTotal[k] + (double) alpha * nRows, qNorm = total - classTotal[k] + (double) alpha * nRows;
            for (int r = 0; r < nRows; r++) {
                double p = (in[r] + alpha) / pNorm, q = (rowTotal[r] - in[r] + alpha) / qNorm;
                w[r] = (float) Math.max(w[r], Math.abs(Math.log(p / q)));
            }
        }
        return w;
    }
}
