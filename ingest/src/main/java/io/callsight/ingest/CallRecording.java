package io.callsight.ingest;

import io.callsight.asr.audio.WavAudio;
import io.callsight.events.CallEvent.Direction;
import io.callsight.events.Track;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** A recorded call, read and validated, ready to publish: one audio channel per track. */
public record CallRecording(
        Path file,
        String tenant,
        String callId,
        CallMetadata metadata,
        WavAudio audio,
        List<Track> tracks,
        List<String> warnings) {

    public Direction direction() {
        return metadata.direction() == null ? Direction.UNKNOWN : metadata.direction();
    }

    public Instant startTime() {
        return metadata.startTime();
    }
}
