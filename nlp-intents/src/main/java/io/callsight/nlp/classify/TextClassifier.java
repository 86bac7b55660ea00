package io.callsight.nlp.classify;

import java.util.List;

/** A multi-class text classifier with temperature-calibrated probabilities and an optional out-of-scope threshold. */
public interface TextClassifier {
    String OUT_OF_SCOPE = "oos";

    List<String> labels();

    /** Raw (uncalibrated) logits, one per label. */
    float[] logits(String text);

    /** Softmax temperature fitted on validation data (1 = uncalibrated). */
    double temperature();

    /** Calibrated max-probability below which a prediction is out of scope; 0 disables rejection. */
    double oosThreshold();

    void setCalibration(double temperature, double oosThreshold);

    default double[] probabilities(String text) {
        return Calibration.softmax(logits(text), temperature());
    }

    default Prediction predict(String text) {
        return Calibration.decide(labels(), logits(text), temperature(), oosThreshold());
    }
}
