package io.callsight.search.schema;

/**
 * Fields of a document in {@code callsight-calls}, written by the speech job as a call progresses and read by the
 * launcher and the consoles. The index template maps each one strictly (a test keeps them in step).
 */
public final class CallFields {
    public static final String TENANT = "tenant";
    public static final String CALL_ID = "callId";
    /** One of {@link CallStatus}. */
    public static final String STATUS = "status";
    public static final String DIRECTION = "direction";
    public static final String AGENT_ID = "agentId";
    public static final String CAMPAIGN = "campaign";
    public static final String SOURCE = "source";
    public static final String TRACKS = "tracks";
    public static final String TRACKS_TRANSCRIBED = "tracksTranscribed";
    public static final String STARTED_AT = "startedAt";
    public static final String DURATION_MS = "durationMs";
    /** How many utterance documents the call has: a reader waits for that many before calling it searchable. */
    public static final String UTTERANCE_COUNT = "utteranceCount";
    public static final String WORD_COUNT = "wordCount";
    /** The finished call's verdict ({@link ComplianceFields}); absent for a tenant without rules. */
    public static final String COMPLIANCE = "compliance";
    /** The finished call's customer/agent sentiment summary ({@link CallSentimentFields}). */
    public static final String SENTIMENT = "sentiment";
    public static final String UPDATED_AT = "updatedAt";

    private CallFields() {
    }
}
