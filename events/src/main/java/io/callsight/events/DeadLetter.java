package io.callsight.events;

/**
 * A record Callsight could not process, kept with the reason so nothing is silently lost. {@code payload}
 * holds the original bytes (base64 in JSON) so the record can be replayed once the cause is fixed.
 */
public record DeadLetter(
        String stage,
        String sourceTopic,
        int partition,
        long offset,
        String key,
        String reason,
        byte[] payload,
        long ts) {
}
