package io.callsight.events;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts one track of a recording into fixed-duration frames as a softswitch would stream them. The last
 * frame carries {@code endOfTrack}, so a consumer learns the end in order with the audio. Here rather than in
 * ingest because the engine's own tools (local transcription, benchmarks) replay recordings as frames too, and
 * the engine must not depend on ingest.
 */
public final class AudioFrames {
    private AudioFrames() {
    }

    public static List<AudioFrame> slice(String tenant, String callId, Track track, AudioCodec codec,
            int sampleRate, byte[] audio, int frameMs) {
        if (frameMs <= 0) {
            throw new IllegalArgumentException("frame duration must be positive, got " + frameMs + " ms");
        }
        int samplesPerFrame = sampleRate * frameMs / 1000;
        int bytesPerFrame = samplesPerFrame * codec.bytesPerSample();
        List<AudioFrame> frames = new ArrayList<>(audio.length / bytesPerFrame + 2);
        long seq = 0;
        for (int offset = 0; offset < audio.length; offset += bytesPerFrame) {
            int end = Math.min(audio.length, offset + bytesPerFrame);
            long startMs = (long) (offset / codec.bytesPerSample()) * 1000 / sampleRate;
            frames.add(new AudioFrame(tenant, callId, track, seq++, startMs, codec, sampleRate,
                    Arrays.copyOfRange(audio, offset, end), end == audio.length));
        }
        if (frames.isEmpty()) { // an empty track still ends, so consumers release what they opened for it
            frames.add(new AudioFrame(tenant, callId, track, 0, 0, codec, sampleRate, new byte[0], true));
        }
        return frames;
    }
}
