package io.callsight.voicebot.twilio;

import io.callsight.voicebot.Ulaw;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns inbound {@code media} into one continuous stream of caller audio placed by {@code media.timestamp}, not by
 * arrival (spec §4.3). A timestamp past the end of the audio so far means Twilio dropped audio (warning 31930): the
 * hole is filled with µ-law silence so the recogniser's clock stays the call's clock. Audio that would go back in time
 * is trimmed or dropped: what was delivered cannot be taken back.
 *
 * <p>The stream starts at the first chunk's timestamp, which need not be 0 (a real log starts at 52, §4.3); positions
 * are kept in bytes (8 per ms) so payloads of any length add up exactly.
 */
final class CallerAudioTimeline {
    /**
     * Timestamps are whole milliseconds while payloads need not be whole milliseconds: a chunk less than 1 ms off the
     * expected position is on time; 1 ms or more is a hole (a jump of more than 20 ms after a 20 ms chunk) or an overlap.
     */
    private static final long ONE_MS = Ulaw.BYTES_PER_MS;

    /** A piece of the continuous stream: audio (or filled silence) starting at {@code offsetMs} since stream start. */
    record Piece(long offsetMs, byte[] audio, boolean filled) {
    }

    /** What became of one chunk. */
    record Placement(List<Piece> pieces, long filledBytes, long trimmedBytes, boolean dropped, boolean tooFarAhead) {
    }

    private final long maxFillBytes;
    /** Stream position, in bytes since stream start, of the next byte to deliver; -1 before the first chunk. */
    private long next = -1;

    /**
     * @param maxFillMs the largest hole filled with silence; a timestamp further ahead cannot come from a live stream
     *                  (it would have tripped the inactivity watchdog first) and its chunk is dropped
     */
    CallerAudioTimeline(long maxFillMs) {
        this.maxFillBytes = Ulaw.bytes(maxFillMs);
    }

    Placement place(long timestampMs, byte[] payload) {
        long at = Ulaw.bytes(timestampMs);
        if (next < 0) {
            next = at;
        }
        List<Piece> pieces = new ArrayList<>(2);
        long hole = at - next;
        if (hole > maxFillBytes) {
            return new Placement(List.of(), 0, 0, true, true);
        }
        long filled = 0;
        if (hole >= ONE_MS) {
            filled = hole;
            pieces.add(new Piece(Ulaw.millis(next), Ulaw.silence((int) hole), true));
            next += hole;
        }
        byte[] audio = payload;
        long trimmed = 0;
        if (hole <= -ONE_MS) {
            trimmed = Math.min(-hole, payload.length);
            if (trimmed == payload.length) {
                return new Placement(List.of(), 0, trimmed, true, false);
            }
            audio = Arrays.copyOfRange(payload, (int) trimmed, payload.length);
        }
        if (audio.length > 0) {
            pieces.add(new Piece(Ulaw.millis(next), audio, false));
            next += audio.length;
        }
        return new Placement(pieces, filled, trimmed, false, false);
    }

    /** Milliseconds since stream start up to which audio has been delivered; -1 before any. */
    long endMs() {
        return next < 0 ? -1 : Ulaw.millis(next);
    }
}
