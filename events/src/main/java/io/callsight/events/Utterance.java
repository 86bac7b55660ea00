package io.callsight.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one party said between two pauses, as recognized. Times are milliseconds from call start.
 * {@code idx} counts final utterances of the track from 0, so {@link #id()} is stable across replays and
 * Elasticsearch documents indexed under it are never duplicated.
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

    public String id() {
        return callId + "/" + track + "/" + idx;
    }
}
