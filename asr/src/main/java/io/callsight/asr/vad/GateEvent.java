package io.callsight.asr.vad;

/** What a {@link VadGate} hands to the recognizer, in order. */
public sealed interface GateEvent {

    /** A speech segment begins: the audio that follows belongs to a new utterance. */
    record SegmentStarted(long startMs) implements GateEvent {
    }

    /**
     * Audio to decode. {@code originalStartSample} is where it lies on the track, {@code passedStartSample} where it
     * lies in the passed stream the recognizer has seen (both at the gate's sample rate).
     */
    record Audio(short[] pcm, long originalStartSample, long passedStartSample) implements GateEvent {
    }

    /** The segment is over: the recognizer should finalize the utterance now instead of waiting for silence. */
    record SegmentEnded(SpeechSegment segment) implements GateEvent {
    }
}
