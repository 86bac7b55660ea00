package io.callsight.asr.vad;

/** What the {@link SpeechSegmenter} reports: a segment opened, or a segment closed with its final bounds. */
public sealed interface SegmentEvent {

    /** Speech confirmed; the segment (padding included) starts at {@code startMs}. */
    record Started(long startMs) implements SegmentEvent {
    }

    /** The segment is complete: enough silence followed its last speech frame, or the stream ended. */
    record Ended(SpeechSegment segment) implements SegmentEvent {
    }
}
