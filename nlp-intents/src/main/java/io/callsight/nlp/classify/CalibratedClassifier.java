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

    @Override
    public final void setCalibration(double temperature, double oosThreshold) {
        this.temperature = temperature;
        this.oosThreshold = oosThreshold;
    }
}
