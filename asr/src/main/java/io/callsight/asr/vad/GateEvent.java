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

    /**
     * The segment is over. With {@link VadConfig#closingSilenceMs} the gate has already passed that much silence
     * after it and the recognizer's endpointer decides; without, the recognizer should finalize now.
     */
    record SegmentEnded(SpeechSegment segment, boolean bridged) implements GateEvent {
        public SegmentEnded(SpeechSegment segment) {
            this(segment, false);
        }
    }
}
