package io.callsight.asr.vad;

import java.util.ArrayList;
import java.util.List;

/**
 * The speech segments of a track without gating anything: the same detector and segmenter a {@link VadGate}
 * uses, for when every sample goes to the recognizer anyway but the segments (talk time, pauses) are still
 * wanted. Not thread safe: one tracker per track.
 */
public final class SpeechSegmentTracker {
    private final VoiceActivityDetector detector;
    private final SpeechSegmenter segmenter;
    private final List<SegmentEvent> events = new ArrayList<>(1);

    public SpeechSegmentTracker(int sampleRate, VadConfig config) {
        this.detector = new VoiceActivityDetector(sampleRate, config.mode());
        this.segmenter = new SpeechSegmenter(config);
    }

    /** Feeds the next chunk (any length); returns the segments it closed. */
    public List<SpeechSegment> accept(short[] pcm) {
        List<SpeechSegment> closed = new ArrayList<>(0);
        for (FrameDecision decision : detector.accept(pcm)) {
            events.clear();
            segmenter.accept(decision, events);
            collect(events, closed);
        }
        return closed;
    }

    /** Ends the track: the segment still open, if any. */
    public List<SpeechSegment> finish() {
        List<SpeechSegment> closed = new ArrayList<>(1);
        collect(segmenter.finish(), closed);
        return closed;
    }

    private static void collect(List<SegmentEvent> events, List<SpeechSegment> closed) {
        for (SegmentEvent event : events) {
            if (event instanceof SegmentEvent.Ended ended) {
                closed.add(ended.segment());
            }
        }
    }
}
