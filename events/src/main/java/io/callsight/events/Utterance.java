package io.callsight.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one party said between two pauses, as recognized. Times are milliseconds from call start.
 * {@code idx} counts final utterances of the track from 0, so {@link #id()} is stable across replays and
 * Elasticsearch documents indexed under it are never duplicated.
 * <p>A <b>partial</b> ({@code isFinal == false}) is the recognizer's current hypothesis for the utterance in
 * progress: it carries the {@code idx} (so the {@link #id()}) the final will have, {@code startMs} where the
 * utterance began, {@code endMs} how far the track's audio had got when it was taken, its text and no words. Each
 * partial replaces the previous one with the same id, and the final replaces them all. JSON without
 * {@code isFinal} (written before partials existed) reads as final.
 */
public record Utterance(
        String tenant,
        String callId,
        Track track,
        int idx,
        long startMs,
        long endMs,
        String text,
        String redactedText,
        List<Word> words,
        double confidence,
        boolean isFinal) {

    public Utterance {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(track, "track");
        Objects.requireNonNull(text, "text");
        // ArrayList, not List.copyOf: Flink serializes these with Kryo, which cannot rebuild immutable lists.
        words = words == null ? new ArrayList<>() : new ArrayList<>(words);
    }

    /** JSON in: a missing {@code isFinal} means final, as every utterance was before partials were published. */
    @JsonCreator
    static Utterance fromJson(@JsonProperty("tenant") String tenant, @JsonProperty("callId") String callId,
            @JsonProperty("track") Track track, @JsonProperty("idx") int idx, @JsonProperty("startMs") long startMs,
            @JsonProperty("endMs") long endMs, @JsonProperty("text") String text,
            @JsonProperty("redactedText") String redactedText, @JsonProperty("words") List<Word> words,
            @JsonProperty("confidence") double confidence, @JsonProperty("isFinal") Boolean isFinal) {
        return new Utterance(tenant, callId, track, idx, startMs, endMs, text, redactedText, words, confidence,
                isFinal == null || isFinal);
    }

    public String id() {
        return callId + "/" + track + "/" + idx;
    }
}
