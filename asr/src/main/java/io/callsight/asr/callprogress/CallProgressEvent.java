package io.callsight.asr.callprogress;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link CallProgressDetector} reports, in call time (milliseconds of audio since the call was placed).
 * {@code atMs} is when the detector knew: the end of the audio frame that completed the evidence.
 */
public sealed interface CallProgressEvent {
    long atMs();

    /**
     * A dial status: {@link DialStatus#RINGING} as progress (at most once), then exactly one final status.
     *
     * @param status   the status
     * @param atMs     when it was decided
     * @param evidence what it rests on
     */
    record Status(DialStatus status, long atMs, Evidence evidence) implements CallProgressEvent {
        public Status {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(evidence, "evidence");
        }

        public boolean isFinal() {
            return status.isFinal();
        }
    }

    /**
     * The call was answered (known at {@code atMs}, answered at {@code answeredAtMs}, which may be earlier when
     * inferred from the end of ringback).
     */
    record Answer(long atMs, long answeredAtMs, AnswerSource source) implements CallProgressEvent {
    }

    /**
     * Start the voicemail message now (only after {@link DialStatus#ANSWERED_MACHINE}).
     *
     * @param reason why now
     * @param beep   the beep that ended, for {@link CueReason#BEEP}
     */
    record LeaveMessage(long atMs, CueReason reason, Optional<Beep> beep) implements CallProgressEvent {
    }

    /** Why the voicemail message starts when it does. */
    enum CueReason {
        /** The beep ended. */
        BEEP,
        /** The greeting ended and no beep came within the configured silence. */
        SILENCE,
        /** The greeting went on past the configured limit. */
        TIMEOUT
    }
}
