package io.callsight.asr.callprogress;

/** How the detector learned that the call was answered. */
public enum AnswerSource {
    /** The signalling said so ({@link CallProgressDetector#answered()}, e.g. a SIP 200 OK). */
    SIGNALLED,
    /** A ringback burst stopped well before its cadence says it should: someone picked up mid-ring. */
    RINGBACK_CUT,
    /** Ringback had been heard and the next ring did not come: answered (at the end of the last ring). */
    RINGBACK_STOPPED,
    /** Sound that is not a call-progress tone (a voice) arrived: answered when it began. */
    SOUND
}
