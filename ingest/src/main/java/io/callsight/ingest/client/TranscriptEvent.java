package io.callsight.ingest.client;

import java.time.Duration;
import java.util.UUID;

/**
 * One transcript entity as the client received it (spec §9.2), with what a latency benchmark needs: when it arrived
 * and how much audio had been sent by then.
 *
 * @param channel           the AudioHook channel name ({@code external} = customer, {@code internal} = agent), from
 *                          {@code channelId} and the selected media
 * @param offset            utterance start on the server's time line; null if the entity has none (interims may not)
 * @param duration          utterance length; null if absent
 * @param arrivalEpochMillis wall clock when the message's last fragment arrived
 * @param arrivalNanos      {@link System#nanoTime()} at arrival, for intervals
 * @param audioSent         audio actually sent when it arrived: the received-audio time line ({@code Pr}, §9.4), on
 *                          which the server places offsets by default
 * @param streamPosition    the client's stream position at arrival ({@code Ps}: also counts paused, lost and
 *                          discarded spans)
 */
public record TranscriptEvent(UUID sessionId, String utteranceId, int channelId, String channel, boolean isFinal,
        Duration offset, Duration duration, String text, double confidence, long arrivalEpochMillis, long arrivalNanos,
        Duration audioSent, Duration streamPosition) {

    /** Where the utterance ends, or null if the entity carries no offset and duration. */
    public Duration end() {
        return offset == null || duration == null ? null : offset.plus(duration);
    }

    /**
     * How long after the utterance's end it arrived, measured in sent audio (so independent of replay speed: at
     * {@code --speed 2} a 1 s lag is 0.5 s of wall clock); null without offsets.
     */
    public Duration lag() {
        Duration end = end();
        return end == null ? null : audioSent.minus(end);
    }

    public boolean customer() {
        return Media.EXTERNAL.equals(channel);
    }
}
