package io.callsight.events;

import java.util.Arrays;
import java.util.Objects;

/**
 * A slice of one track of one call, in the codec it arrived in: decoding is the speech job's work, so the
 * topic holds what the softswitch sent. The last frame of a track has {@code endOfTrack} set (and may be
 * empty), which lets a keyed consumer release the track's resources in order with its audio.
 */
public record AudioFrame(
        String tenant,
        String callId,
        Track track,
        long seq,
        long startMs,
        AudioCodec codec,
        int sampleRate,
        byte[] payload,
        boolean endOfTrack) {

    public AudioFrame {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(track, "track");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(payload, "payload");
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
        if (payload.length % codec.bytesPerSample() != 0) {
            throw new IllegalArgumentException(
                    "payload of " + payload.length + " bytes is not a whole number of " + codec + " samples");
        }
    }

    /** Kafka key and Flink key: all frames of one track stay in order on one partition and one subtask. */
    public String trackKey() {
        return trackKey(callId, track);
    }

    public static String trackKey(String callId, Track track) {
        return callId + "/" + track;
    }

    public int sampleCount() {
        return payload.length / codec.bytesPerSample();
    }

    public long durationMs() {
        return sampleCount() * 1000L / sampleRate;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AudioFrame f
                && seq == f.seq && startMs == f.startMs && sampleRate == f.sampleRate && endOfTrack == f.endOfTrack
                && tenant.equals(f.tenant) && callId.equals(f.callId) && track == f.track && codec == f.codec
                && Arrays.equals(payload, f.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, callId, track, seq, startMs, codec, sampleRate, endOfTrack) * 31
                + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "AudioFrame[" + callId + "/" + track + " seq=" + seq + " startMs=" + startMs + " " + codec + "@"
                + sampleRate + " " + payload.length + "B" + (endOfTrack ? " end" : "") + "]";
    }
}
