package io.callsight.nlp.eval;

import java.util.List;

/**
 * Classification metrics from gold/predicted label indices over {@code labels}; index {@code -1} is
 * out-of-scope (gold or rejected prediction) and gets its own row/column (the last) in the confusion matrix.
 */
public final class Metrics {
    private final List<String> labels;
    private final int[][] confusion; // [gold][pred], last index = oos
    private final int total;

    public Metrics(List<String> labels, int[] gold, int[] pred) {
        this.labels = List.copyOf(labels);
        int k = labels.size() + 1;
        confusion = new int[k][k];
        for (int i = 0; i < gold.length; i++) {
            confusion[gold[i] < 0 ? k - 1 : gold[i]][pred[i] < 0 ? k - 1 : pred[i]]++;
        }
        total = gold.length;
    }

    public List<String> labels() {
        return labels;
    }

    public int[][] confusion() {
        return confusion;
    }

    public boolean hasOutOfScope() {
        int k = confusion.length - 1;
        int s = 0;
        for (int i = 0; i <= k; i++) {
            s += confusion[k][i] + confusion[i][k];
        }
        return s > 0;
    }

    public double accuracy() {
        int ok = 0;
        for (int i = 0; i < confusion.length; i++) {
            ok += confusion[i][i];
        }
        return total == 0 ? 0 : (double) ok / total;
    }

    /** Accuracy over in-scope gold examples (a rejected in-scope example counts as wrong). */
    public double inScopeAccuracy() {
        int ok = 0, n = 0;
        for (int g = 0; g < labels.size(); g++) {
            for (int p = 0; p < confusion.length; p++) {
                n += confusion[g][p];
            }
            ok += confusion[g][g];
        }
        return n == 0 ? 0 : (double) ok / n;
    }

    /** Fraction of out-of-scope gold examples that were rejected. */
    public double oosRecall() {
        int k = confusion.length - 1, n = 0;
        for (int p = 0; p <= k; p++) {
            n += confusion[k][p];
        }
        return n == 0 ? Double.NaN : (double) confusion[k][k] / n;
    }

    public int support(int c) {
        int n = 0;
        for (int p = 0; p < confusion.length; p++) {
            n += confusion[c][p];
        }
        return n;
    }

    public double precision(int c) {
        int n = 0;
        for (int g = 0; g < confusion.length; g++) {
            n += confusion[g][c];
        }
        return n == 0 ? 0 : (double) confusion[c][c] / n;
    }

    public double recall(int c) {
        int s = support(c);
        return s == 0 ? 0 : (double) confusion[c][c] / s;
    }

    public double f1(int c) {
        double p = precision(c), r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Macro-F1 over in-scope labels that occur in gold or predictions. */
    public double macroF1() {
        double s = 0;
        int n = 0;
        for (int c = 0; c < labels.size(); c++) {
            int col = 0;
            for (int g = 0; g < confusion.length; g++) {
                col += confusion[g][c];
            }
            if (support(c) > 0 || col > 0) {
                s += f1(c);
                n++;
            }
        }
        return n == 0 ? 0 : s / n;
    }
}
