package io.callsight.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Lifecycle of a call: STARTED when its audio begins, ENDED once all its audio has been sent. The customer's
 * number travels only as a hash ({@code aniHash}), so a topic dump never exposes it.
 */
public record CallEvent(
        String tenant,
        String callId,
        Type type,
        Direction direction,
        String aniHash,
        String dnis,
        String agentId,
        String campaign,
        List<Track> tracks,
        long startedAtMs,
        long durationMs,
        String source,
        long ts) {

    public enum Type { STARTED, UPDATED, ENDED }

    public enum Direction { INBOUND, OUTBOUND, UNKNOWN }

    public CallEvent {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(type, "type");
        direction = direction == null ? Direction.UNKNOWN : direction;
        // ArrayList, not List.copyOf: Flink serializes these with Kryo, which cannot rebuild immutable lists.
        tracks = tracks == null ? new ArrayList<>() : new ArrayList<>(tracks);
    }
}
