package io.callsight.events;

import java.util.List;

/** Kafka topic names; one place so producers, jobs and tests agree. */
public final class Topics {
    public static final String AUDIO = "calls.audio";
    public static final String EVENTS = "calls.events";
    public static final String TRANSCRIPTS = "calls.transcripts";
    public static final String INSIGHTS = "calls.insights";
    public static final String SEGMENTS = "calls.segments";
    public static final String DEAD_LETTER = "calls.deadletter";
    /** {@link RecordingArchived}: a call's encrypted recording is in the archive. */
    public static final String RECORDINGS = "calls.recordings";
    /** Finished VoiceBot sessions (JSON, key: call id): turns, outcome, timings; the data of ContactBot reports. */
    public static final String BOT_SESSIONS = "bot.sessions";

    public static final List<String> ALL = List.of(AUDIO, EVENTS, TRANSCRIPTS, INSIGHTS, SEGMENTS, DEAD_LETTER, RECORDINGS, BOT_SESSIONS);

    private Topics() {
    }
}
