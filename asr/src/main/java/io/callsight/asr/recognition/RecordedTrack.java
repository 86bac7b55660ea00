package io.callsight.asr.recognition;

import io.callsight.events.AudioCodec;
import io.callsight.events.AudioFrame;
import io.callsight.events.AudioFrames;
import io.callsight.events.Track;
import java.util.List;

/**
 * One track of a recording, in the codec it was recorded in: what a local transcription or a benchmark replays
 * as the frames a live stream would deliver.
 */
public record RecordedTrack(String tenant, String callId, Track track, AudioCodec codec, int sampleRate,
        byte[] audio) {

    /** The track cut into {@code frameMs} frames, the last one marked {@code endOfTrack}. */
    public List<AudioFrame> frames(int frameMs) {
        return AudioFrames.slice(tenant, callId, track, codec, sampleRate, audio, frameMs);
    }

    public double seconds() {
        return audio.length / (double) (codec.bytesPerSample() * sampleRate);
    }
}
