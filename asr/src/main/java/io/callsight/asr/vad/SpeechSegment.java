package io.callsight.asr.vad;

/** A stretch of a track to decode, padding included: [startMs, endMs) from the start of the track. */
public record SpeechSegment(long startMs, long endMs) {
    public SpeechSegment {
        if (startMs < 0 || endMs < startMs) {
            throw new IllegalArgumentException("invalid segment [" + startMs + ", " + endMs + ")");
        }
    }

    public long durationMs() {
        return endMs - startMs;
    }

    public boolean contains(long ms) {
        return ms >= startMs && ms < endMs;
    }
}
