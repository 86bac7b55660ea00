package io.callsight.events;

import java.util.Objects;

/**
 * A stretch of one track where the voice activity detector heard speech (padding included), on the call's time
 * line. Published on {@link Topics#SEGMENTS} as each segment closes: talk time, pauses and overtalk per call are
 * sums over these.
 */
public record SpeechSegmentEvent(String tenant, String callId, Track track, long startMs, long endMs) {

    public SpeechSegmentEvent {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(track, "track");
        if (endMs < startMs) {
            throw new IllegalArgumentException("segment ends before it starts: " + startMs + ".." + endMs);
        }
    }

    public long durationMs() {
        return endMs - startMs;
    }
}
