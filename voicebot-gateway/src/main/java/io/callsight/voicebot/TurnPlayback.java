package io.callsight.voicebot;

import io.callsight.voicebot.Ulaw;
import java.time.Instant;
import java.util.Optional;

/**
 * How one bot turn's audio fared (spec §6.3, "report it in BotTurn as played vs interrupted").
 *
 * @param firstAudioSentAt when its first byte went on the wire (end of caller speech to this is the bot's latency);
 *                         empty if none did
 * @param bytesQueued      µ-law bytes the bot handed to {@link BotMediaChannel#play}
 * @param bytesSent        of those, sent to Twilio; the rest were dropped by a {@code clear} or the end of the call
 * @param bytesPlayed      heard by the caller: confirmed by mark echoes, or estimated at a {@code clear}
 */
public record TurnPlayback(String turnId, Optional<Instant> firstAudioSentAt, long bytesQueued, long bytesSent,
        long bytesPlayed, Outcome outcome) {

    public enum Outcome {
        /** Not all of it is confirmed played yet. */
        PLAYING,
        /** A mark echo confirmed every byte of it played (end each turn with a mark to get here). */
        PLAYED,
        /** Cut off by a {@code clear} (barge-in) or by the end of the call. */
        INTERRUPTED
    }

    public long playedMs() {
        return Ulaw.millis(bytesPlayed);
    }

    public long queuedMs() {
        return Ulaw.millis(bytesQueued);
    }
}
