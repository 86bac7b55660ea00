package io.callsight.nlp.training;

/**
 * Lazy Adam for an embedding table held in a Java array: only the rows with gradient in a step have their moments
 * and values updated (bias correction uses the global step), like {@code torch.optim.SparseAdam}.
 */
final class SparseAdam {
    private final float[] table;
    private final float[] m;
    private final float[] v;
    private final int dim;
    private final float beta1 = 0.9f;
    private final float beta2 = 0.999f;
    private final float eps = 1e-8f;
    private int t;

    SparseAdam(float[] table, int dim) {
        this.table = table;
        this.m = new float[table.length];
        this.v = new float[table.length];
        this.dim = dim;
    }

    /** Applies one step: {@code grad} holds {@code rows.length × dim} gradients for the global {@code rows}. */
    void update(int[] rows, float[] grad, float lr) {
        t++;
        double c1 = 1 - Math.pow(beta1, t), c2 = 1 - Math.pow(beta2, t);
        float stepSize = (float) (lr * Math.sqrt(c2) / c1);
        for (int u = 0; u < rows.length; u++) {
            int off = rows[u] * dim, go = u * dim;
            for (int d = 0; d < dim; d++) {
                float g = grad[go + d];
                int i = off + d;
                m[i] = beta1 * m[i] + (1 - beta1) * g;
                v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                table[i] -= stepSize * m[i] / ((float) Math.sqrt(v[i]) + eps);
            }
        }
    }
}
