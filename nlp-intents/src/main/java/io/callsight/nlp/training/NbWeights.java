package io.callsight.nlp.training;

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
     * {@code alpha} is the add-alpha smoothing. Dense {@code rows × classes} counts: meant for few classes.
     */
    static float[] of(List<int[]> docs, int[] y, int classes, int nRows, float alpha) {
        int[] count = new int[nRows * classes];
        long[] classTotal = new long[classes];
        int[] lastDoc = new int[nRows];
        java.util.Arrays.fill(lastDoc, -1);
        for (int d = 0; d < docs.size(); d++) {
            for (int r : docs.get(d)) {
                if (lastDoc[r] != d) {
                    lastDoc[r] = d;
                    count[r * classes + y[d]]++;
                    classTotal[y[d]]++;
                }
            }
        }
        long total = 0;
        for (long t : classTotal) {
            total += t;
        }
        float[] w = new float[nRows];
        for (int r = 0; r < nRows; r++) {
            int rowTotal = 0;
            for (int k = 0; k < classes; k++) {
                rowTotal += count[r * classes + k];
            }
            double best = 0;
            for (int k = 0; k < classes; k++) {
                int in = count[r * classes + k];
                double p = (in + alpha) / (classTotal[k] + (double) alpha * nRows);
                double q = (rowTotal - in + alpha) / (total - classTotal[k] + (double) alpha * nRows);
                best = Math.max(best, Math.abs(Math.log(p / q)));
            }
            w[r] = (float) best;
        }
        return w;
    }
}
