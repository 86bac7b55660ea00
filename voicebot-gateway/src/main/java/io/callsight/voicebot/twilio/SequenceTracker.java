package io.callsight.voicebot.twilio;

/**
 * Follows Twilio's one message counter (spec §6.1: {@code "1"} on {@code start}, +1 on every later message of the
 * stream). WebSocket delivery is ordered, so a jump means Twilio lost messages and a step back means they were
 * reordered or repeated upstream; both are counted, neither stops the stream.
 */
final class SequenceTracker {
    enum Verdict { IN_ORDER, GAP, BEHIND }

    private long last = -1;
    private long gaps;
    private long missing;
    private long behind;

    /** The {@code start}'s number: the baseline, whatever it is. */
    void start(long sequenceNumber) {
        last = sequenceNumber;
    }

    Verdict observe(long sequenceNumber) {
        if (last < 0) {
            last = sequenceNumber;
            return Verdict.IN_ORDER;
        }
        if (sequenceNumber == last + 1) {
            last = sequenceNumber;
            return Verdict.IN_ORDER;
        }
        if (sequenceNumber > last) {
            gaps++;
            missing += sequenceNumber - last - 1;
            last = sequenceNumber;
            return Verdict.GAP;
        }
        // keep the highest number seen: one late message must not make every following one look like a gap
        behind++;
        return Verdict.BEHIND;
    }

    /** Jumps forward. */
    long gaps() {
        return gaps;
    }

    /** Sequence numbers skipped by those jumps. */
    long missing() {
        return missing;
    }

    /** Messages at or below a number already seen (reordered or repeated). */
    long behind() {
        return behind;
    }
}
