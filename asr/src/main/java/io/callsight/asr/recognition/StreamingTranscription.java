package io.callsight.asr.recognition;

import io.callsight.events.AudioFrame;
import io.callsight.events.Track;
import io.callsight.events.Utterance;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole track through one {@link TrackTranscriber}, for callers that hold a track rather than receive it
 * over time: {@code callsight transcribe} and the benchmarks. The speech job feeds the same TrackTranscriber one
 * frame at a time as frames arrive; this adds only the loop around it, so a recording transcribes locally to
 * what the job would index for it, and a benchmark measures the job's code.
 */
public final class StreamingTranscription {
    private StreamingTranscription() {
    }

    /** Slices the recording into {@code frameMs} frames (as {@code import} does) and transcribes them. */
    public static List<Utterance> transcribe(SpeechRecognizer recognizer, RecordedTrack recording,
            FrontEndConfig frontEnd, int frameMs) {
        return transcribe(recognizer, recording.tenant(), recording.callId(), recording.track(), frontEnd,
                recording.frames(frameMs));
    }

    /**
     * Feeds the frames in order and returns every final utterance. Frames that stop without one marked
     * {@code endOfTrack} (a truncated stream) are finished here, as the job finishes a track that went idle.
     */
    public static List<Utterance> transcribe(SpeechRecognizer recognizer, String tenant, String callId, Track track,
            FrontEndConfig frontEnd, Iterable<AudioFrame> frames) {
        List<Utterance> said = new ArrayList<>();
        try (TrackTranscriber transcriber = new TrackTranscriber(recognizer, tenant, callId, track, frontEnd)) {
            for (AudioFrame frame : frames) {
                said.addAll(transcriber.accept(frame));
            }
            said.addAll(transcriber.finish());
        }
        return said;
    }
}
