package io.callsight.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the NLU made of one final utterance, published on {@link Topics#INSIGHTS} and merged into the utterance's
 * Elasticsearch document. Everything in it is already redacted: {@code redactedText}, entity texts and keyword
 * matches never carry personal data the tenant asked to remove.
 *
 * @param utteranceIdx  the utterance's {@link Utterance#idx()}; {@link #utteranceId()} matches {@link Utterance#id()}
 * @param intent        the predicted intent, or null for "no intent" (out of scope, or the tenant has no model)
 * @param confidence    calibrated probability of the best intent (also when it was rejected as out of scope); 0
 *                      without a model
 * @param intentModel   version of the intent model that answered ("v3"), null without a model
 * @param variant       {@link #CURRENT} or {@link #CANDIDATE}: which side of a grayscale release this call is on
 * @param sentiment     null when neither the tenant nor the shared models have a sentiment model for the language
 * @param redactions    PII categories removed from the text ("CARD", "PHONE"...), in order of position
 * @param violations    names of the tenant's must-not-say rules this utterance broke
 * @param intentRoute   for a cascade intent model, which member answered ({@link #ROUTE_BAG} or
 *                      {@link #ROUTE_ENCODER}); null for any other model
 */
public record Insight(
        String tenant,
        String callId,
        Track track,
        int utteranceIdx,
        String language,
        String intent,
        double confidence,
        String intentModel,
        String variant,
        SentimentReading sentiment,
        List<EntityMention> entities,
        List<KeywordMatch> keywords,
        List<String> violations,
        List<String> redactions,
        String redactedText,
        String intentRoute) {
    public static final String CURRENT = "current";
    public static final String CANDIDATE = "candidate";
    public static final String ROUTE_BAG = "bag";
    public static final String ROUTE_ENCODER = "encoder";

    public Insight {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(track, "track");
        // ArrayList, not List.copyOf: Flink serializes these with Kryo, which cannot rebuild immutable lists.
        entities = entities == null ? new ArrayList<>() : new ArrayList<>(entities);
        keywords = keywords == null ? new ArrayList<>() : new ArrayList<>(keywords);
        violations = violations == null ? new ArrayList<>() : new ArrayList<>(violations);
        redactions = redactions == null ? new ArrayList<>() : new ArrayList<>(redactions);
    }

    public String utteranceId() {
        return callId + "/" + track + "/" + utteranceIdx;
    }

    /** Sentiment label ({@code positive}/{@code negative}/{@code neutral}), score in [-1, 1], model version. */
    public record SentimentReading(String label, double score, String model) {
    }

    /**
     * An entity; {@code start}/{@code end} index {@code redactedText}. An entity inside redacted personal data
     * keeps only its type: its text is the placeholder and its value null.
     */
    public record EntityMention(String type, String text, String value, int start, int end) {
    }

    /** A keyword from the tenant's rules file; {@code kind} is {@code EXACT} or {@code PHONETIC}. */
    public record KeywordMatch(String group, String keyword, String matchedText, String kind) {
    }
}
