package io.callsight.voicebot;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What the sessions of one gateway saw, summed over all of them; {@code GET /health} shows every counter. */
public final class GatewayCounters {
    public enum Counter {
        /** WebSocket upgrades accepted (with a header key, or deferred to {@code start.customParameters.apiKey}). */
        UPGRADES_ACCEPTED,
        UPGRADES_REFUSED_401,
        UPGRADES_REFUSED_403,
        /** Streams that reached {@code start} with a valid key: a handler was created. */
        CALLS_STARTED,
        /** Closed with 1008 at {@code start}: no, or no valid, key in customParameters. */
        CALLS_REFUSED,
        CALLS_ENDED,
        MESSAGES_RECEIVED,
        /** Text frames that are not a valid message (bad JSON, missing field, wrong type, bad base64, too large). */
        MESSAGES_MALFORMED,
        /** Binary frames: not part of the protocol (§3). */
        BINARY_FRAMES,
        /** Events this protocol does not define, ignored (§7). */
        EVENTS_UNKNOWN,
        /** Valid messages in a state that does not take them (media before start, a second start, ...). */
        MESSAGES_OUT_OF_STATE,
        /** Messages of another streamSid, ignored (§7). */
        MESSAGES_FOREIGN_STREAM,
        /** Jumps of sequenceNumber (§6.1) and the numbers they skipped. */
        SEQUENCE_GAPS,
        SEQUENCE_MISSING,
        /** Messages whose sequenceNumber is not above the highest seen: reordered or repeated. */
        SEQUENCE_BEHIND,
        /** Media of a track other than inbound (§9.7). */
        MEDIA_WRONG_TRACK,
        /** Milliseconds of silence filled into timestamp holes (§4.3). */
        MEDIA_FILLED_MS,
        /** Media that came too late to place (or too far ahead), dropped. */
        MEDIA_DROPPED,
        MEDIA_SENT,
        MARKS_SENT,
        /** Mark echoes matched as played, as flushed by a clear, or not matched (late echoes of old turns). */
        MARKS_PLAYED,
        MARKS_FLUSHED,
        MARKS_UNKNOWN,
        CLEARS_SENT,
        DTMF_RECEIVED,
        WATCHDOG_CLOSES,
        /** A handler (or its factory) threw: logged and counted; the call goes on (or is closed 1011 at create). */
        HANDLER_ERRORS;

        /** {@code MARKS_SENT} → {@code marks.sent}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT).replaceFirst("_", ".");
        }
    }

    private final Map<Counter, LongAdder> counts = new EnumMap<>(Counter.class);

    public GatewayCounters() {
        for (Counter c : Counter.values()) {
            counts.put(c, new LongAdder());
        }
    }

    public void increment(Counter c) {
        counts.get(c).increment();
    }

    public void add(Counter c, long n) {
        if (n != 0) {
            counts.get(c).add(n);
        }
    }

    public long get(Counter c) {
        return counts.get(c).sum();
    }

    /** Every counter by {@link Counter#key()}, in declaration order. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.forEach((k, v) -> out.put(k.key(), v.sum()));
        return out;
    }
}
