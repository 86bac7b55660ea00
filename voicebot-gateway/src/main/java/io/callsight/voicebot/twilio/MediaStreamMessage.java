package io.callsight.voicebot.twilio;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The messages of Twilio Media Streams, bidirectional form: {@link Inbound} from Twilio (spec §4), {@link Outbound} to
 * Twilio (§5). Numbers that travel as decimal strings ({@code sequenceNumber}, {@code chunk}, {@code timestamp}) are
 * already parsed here; payloads are decoded µ-law bytes.
 */
public sealed interface MediaStreamMessage {

    /** A message Twilio sends. Every one but {@code connected} and unknown events carries a sequence number. */
    sealed interface Inbound extends MediaStreamMessage permits Connected, Sequenced, UnknownEvent {
    }

    /** A message the bot sends: exactly these three are allowed (§5). */
    sealed interface Outbound extends MediaStreamMessage permits OutboundMedia, OutboundMark, Clear {
        String streamSid();
    }

    /** Inbound message of a stream: {@code sequenceNumber} (one counter over all of them, §6.1) and {@code streamSid}. */
    sealed interface Sequenced extends Inbound permits Start, Media, Dtmf, Mark, Stop {
        long sequenceNumber();

        String streamSid();
    }

    /** §4.1: the first message, once. */
    record Connected(String protocol, String version) implements Inbound {
    }

    /** §4.2 {@code start.mediaFormat}. */
    record MediaFormat(String encoding, int sampleRate, int channels) {
        public static final MediaFormat ULAW_8K_MONO = new MediaFormat("audio/x-mulaw", 8000, 1);
    }

    /** §4.2; {@code customParameters} is empty when Twilio sent none. */
    record Start(long sequenceNumber, String streamSid, String accountSid, String callSid, List<String> tracks,
            Map<String, String> customParameters, MediaFormat mediaFormat) implements Sequenced {
        public Start {
            tracks = List.copyOf(tracks);
            customParameters = Map.copyOf(customParameters);
            Objects.requireNonNull(mediaFormat, "mediaFormat");
        }

        /** Leaves customParameters out: one of them may be an API key (§ auth in the README). */
        @Override
        public String toString() {
            return "Start[seq=" + sequenceNumber + ", streamSid=" + streamSid + ", callSid=" + callSid + ", tracks="
                    + tracks + ", customParameters=" + customParameters.keySet() + ", " + mediaFormat + "]";
        }
    }

    /** §4.3: {@code timestamp} in ms since stream start, {@code payload} the decoded µ-law samples (any length, §9.8). */
    record Media(long sequenceNumber, String streamSid, String track, long chunk, long timestamp, byte[] payload)
            implements Sequenced {
        @Override
        public String toString() {
            return "Media[seq=" + sequenceNumber + ", track=" + track + ", chunk=" + chunk + ", timestamp=" + timestamp
                    + ", " + payload.length + " bytes]";
        }
    }

    /** §4.4: one key, {@code 0}–{@code 9}, {@code *} or {@code #}. */
    record Dtmf(long sequenceNumber, String streamSid, String track, char digit) implements Sequenced {
    }

    /** §4.5: playback passed a mark the bot sent (or a {@code clear} flushed it, §6.2). */
    record Mark(long sequenceNumber, String streamSid, String name) implements Sequenced {
    }

    /** §4.6: the stream ended; the last message. */
    record Stop(long sequenceNumber, String streamSid, String accountSid, String callSid) implements Sequenced {
    }

    /** An {@code event} this protocol version does not define: ignored, not an error (§7). */
    record UnknownEvent(String event) implements Inbound {
    }

    /** §5.1: audio appended to Twilio's playback queue. */
    record OutboundMedia(String streamSid, byte[] payload) implements Outbound {
        @Override
        public String toString() {
            return "OutboundMedia[streamSid=" + streamSid + ", " + payload.length + " bytes]";
        }
    }

    /** §5.2: a marker at the current end of the playback queue, echoed when playback reaches it. */
    record OutboundMark(String streamSid, String name) implements Outbound {
    }

    /** §5.3: drop everything queued, stop playing, return the queued marks at once. */
    record Clear(String streamSid) implements Outbound {
    }
}
