package io.callsight.search.schema;

/** Fields of an utterance's {@code insight} object (see {@link UtteranceFields#insight}). */
public final class InsightFields {
    public static final String LANGUAGE = "language";
    /** Absent when no intent matched (out of scope, or the tenant has no intent model). */
    public static final String INTENT = "intent";
    public static final String CONFIDENCE = "confidence";
    /** The intent model version that answered. */
    public static final String MODEL = "model";
    /** {@code current} or {@code candidate} (grayscale release). */
    public static final String VARIANT = "variant";
    /** Which member of a cascade model answered: {@code bag} or {@code encoder}; absent for other models. */
    public static final String ROUTE = "route";
    public static final String SENTIMENT = "sentiment";
    public static final String SENTIMENT_LABEL = "label";
    public static final String SENTIMENT_SCORE = "score";
    public static final String SENTIMENT_MODEL = "model";
    public static final String ENTITIES = "entities";
    public static final String ENTITY_TYPE = "type";
    public static final String ENTITY_TEXT = "text";
    public static final String ENTITY_VALUE = "value";
    public static final String ENTITY_START = "start";
    public static final String ENTITY_END = "end";
    public static final String KEYWORDS = "keywords";
    public static final String KEYWORD_GROUP = "group";
    public static final String KEYWORD = "keyword";
    public static final String KEYWORD_MATCHED_TEXT = "matchedText";
    public static final String KEYWORD_KIND = "kind";
    public static final String VIOLATIONS = "violations";
    public static final String REDACTIONS = "redactions";

    private InsightFields() {
    }
}
