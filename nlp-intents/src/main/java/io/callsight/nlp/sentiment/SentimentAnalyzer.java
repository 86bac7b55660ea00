package io.callsight.nlp.sentiment;

import io.callsight.nlp.classify.ModelStore;
import io.callsight.nlp.classify.TextClassifier;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Sentiment from a binary (negative/positive) classifier of the same architecture as the intent model:
 * score = P(positive) − P(negative) with calibrated probabilities, label by sign; with a neutral band, scores with
 * |score| below it are {@code neutral}.
 */
public final class SentimentAnalyzer {
    public static final String TASK = "sentiment";
    private final TextClassifier model;
    private final int positive;
    private final int negative;
    private final double neutralBand;

    public SentimentAnalyzer(TextClassifier model, double neutralBand) {
        this.model = model;
        this.positive = model.labels().indexOf("positive");
        this.negative = model.labels().indexOf("negative");
        if (positive < 0 || negative < 0) {
            throw new IllegalArgumentException("sentiment model needs labels positive and negative, has " + model.labels());
        }
        this.neutralBand = neutralBand;
    }

    /** The tenant's current sentiment model ({@code <root>/<tenant>/sentiment/CURRENT}). */
    public static SentimentAnalyzer load(Path modelRoot, String tenant) throws IOException {
        return new SentimentAnalyzer(new ModelStore(modelRoot).load(tenant, TASK), 0);
    }

    public static SentimentAnalyzer load(Path versionDir) throws IOException {
        return new SentimentAnalyzer(io.callsight.nlp.classify.Classifiers.load(versionDir), 0);
    }

    public Sentiment analyze(String text) {
        double[] p = model.probabilities(text);
        double score = Math.max(-1, Math.min(1, p[positive] - p[negative]));
        String label = Math.abs(score) < neutralBand ? "neutral" : score >= 0 ? "positive" : "negative";
        return new Sentiment(label, score);
    }

    public TextClassifier model() {
        return model;
    }
}
