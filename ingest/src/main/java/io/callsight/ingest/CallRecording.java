package io.callsight.ingest;

import io.callsight.asr.audio.WavAudio;
import io.callsight.events.AudioFrame;
import io.callsight.events.AudioFrames;
import io.callsight.events.CallEvent.Direction;
import io.callsight.events.CallEvent;
import io.callsight.events.Track;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A recorded call, read and validated, ready to publish: one audio channel per track. {@code aniHash} is the caller
 * number as it may leave ingest ({@link CallerIds}); {@code metadata} still holds the number and stays here.
 */
public record CallRecording(
        Path file,
        String tenant,
        String callId,
        CallMetadata metadata,
        String aniHash,
        WavAudio audio,
        List<Track> tracks,
        List<String> warnings) {

    public Direction direction() {
        return metadata.direction() == null ? Direction.UNKNOWN : metadata.direction();
    }

    public Instant startTime() {
        return metadata.startTime();
    }

    /** The call's {@code STARTED} event, as a live call's would be at its first moment. */
    public CallEvent started() {
        return event(CallEvent.Type.STARTED, 0);
    }

    /** The call's {@code ENDED} event, with the recording's duration. */
    public CallEvent ended() {
        return event(CallEvent.Type.ENDED, audio.durationMs());
    }

    private CallEvent event(CallEvent.Type type, long durationMs) {
        long startedAt = startTime() != null ? startTime().toEpochMilli() : 0L;
        return new CallEvent(tenant, callId, type, direction(), aniHash, metadata.dnis(),
                metadata.agentId(), metadata.campaign(), tracks, startedAt, durationMs, file.getFileName().toString(),
                Instant.now().toEpochMilli());
    }

    /** Every track cut into {@code frameMs} frames, interleaved by time: the order a live stream delivers them in. */
    public List<AudioFrame> framesInTimeOrder(int frameMs) {
        List<AudioFrame> all = new ArrayList<>();
        for (int channel = 0; channel < tracks.size(); channel++) {
            all.addAll(AudioFrames.slice(tenant, callId, tracks.get(channel), audio.codec(), audio.sampleRate(),
                    audio.channelBytes()[channel], frameMs));
        }
        all.sort(Comparator.comparingLong(AudioFrame::startMs).thenComparing(AudioFrame::track));
        return all;
    }
}
