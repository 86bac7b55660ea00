package io.callsight.nlp.classify;

/**
 * The calibration every {@link TextClassifier} carries: the softmax temperature and the out-of-scope threshold
 * fitted after training. Volatile because a model can be recalibrated while other threads classify with it.
 */
public abstract class CalibratedClassifier implements TextClassifier {
    private volatile double temperature = 1;
    private volatile double oosThreshold = 0;

    @Override
    public final double temperature() {
        return temperature;
    }

    @Override
    public final double oosThreshold() {
        return oosThreshold;
    }

    /** The output layer both trained kinds share: {@code W · h + b}, W row-major [classes × h.length]. */
    protected static float[] affine(float[] weight, float[] bias, float[] h) {
        int c = bias.length, dim = h.length;
        float[] out = new float[c];
        for (int k = 0; k < c; k++) {
            float s = bias[k];
            int off = k * dim;
            for (int d = 0; d < dim; d++) {
                s += weight[off + d] * h[d];
            }
            out[k] = s;
        }
        return out;
    }

    @Override
    public final void setCalibration(double temperature, double oosThreshold) {
        this.temperature = temperature;
        this.oosThreshold = oosThreshold;
    }
}
