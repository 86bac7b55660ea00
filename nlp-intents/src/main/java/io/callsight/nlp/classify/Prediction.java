package io.callsight.nlp.classify;

/**
 * A classification: the best label, its calibrated probability, and whether it fell below the model's
 * out-of-scope threshold (then {@link #label()} is {@link TextClassifier#OUT_OF_SCOPE} and {@link #bestLabel()}
 * keeps the rejected top label).
 */
public record Prediction(String label, String bestLabel, int bestIndex, double confidence, boolean outOfScope) {}
