package io.callsight.voicebot.bot;

/**
 * Where a bot call's audio goes to be recorded, transcribed and analysed like every other call (Kafka, in
 * production: {@code KafkaCallRecorder}). Both tracks are placed on the caller stream's time line.
 */
public interface CallRecorder {
    /** Caller audio (μ-law 8 kHz) as it arrives. */
    void caller(byte[] ulaw, long offsetMs);

    /** What the caller heard of one bot turn (cut where a barge-in stopped it), starting at {@code offsetMs}. */
    void bot(byte[] ulaw, long offsetMs);

    /** The call is over; {@code reason} ends up in the call's end event. */
    void end(String reason);

    CallRecorder NONE = new CallRecorder() {
        @Override
        public void caller(byte[] ulaw, long offsetMs) {
        }

        @Override
        public void bot(byte[] ulaw, long offsetMs) {
        }

        @Override
        public void end(String reason) {
        }
    };
}
