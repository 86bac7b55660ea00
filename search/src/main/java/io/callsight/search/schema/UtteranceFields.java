package io.callsight.search.schema;

/**
 * Fields of a document in {@code callsight-utterances}. The job writes them and every reader reads them through
 * these names; the index template ({@code elasticsearch/callsight-utterances.json}) maps each one, strictly, so a
 * field added here and not there is rejected by Elasticsearch (a test keeps the two in step).
 */
public final class UtteranceFields {
    public static final String TENANT = "tenant";
    public static final String CALL_ID = "callId";
    public static final String TRACK = "track";
    public static final String IDX = "idx";
    public static final String START_MS = "startMs";
    public static final String END_MS = "endMs";
    /** The redacted text: raw recognizer output is never indexed. */
    public static final String TEXT = "text";
    public static final String CONFIDENCE = "confidence";
    /** Word timings, stored but not indexed: {@link #WORD}, {@link #WORD_START}, {@link #WORD_END}, {@link #WORD_CONFIDENCE}. */
    public static final String WORDS = "words";
    public static final String WORD = "w";
    public static final String WORD_START = "s";
    public static final String WORD_END = "e";
    public static final String WORD_CONFIDENCE = "c";
    public static final String WORD_COUNT = "wordCount";
    public static final String INDEXED_AT = "indexedAt";
    /** The NLU's reading of the utterance ({@link InsightFields}); absent when the analysis failed. */
    public static final String INSIGHT = "insight";

    private UtteranceFields() {
    }

    /** {@code insight.<field>}: an insight field as a query names it. */
    public static String insight(String... field) {
        return INSIGHT + "." + String.join(".", field);
    }
}
