package io.callsight.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Lifecycle of a call: STARTED when its audio begins, ENDED once all its audio has been sent. The customer's
 * number travels only as a hash ({@code aniHash}), so a topic dump never exposes it.
 *
 * <p>Live calls (AudioHook) also carry the softswitch's {@code conversationId}, the call's {@code language}, the
 * integration's free-form {@code customConfig} and, on ENDED, why the call ended ({@code endReason}). These are
 * omitted from the JSON when absent, and records written before they existed still read (as nulls).
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
        long ts,
        @JsonInclude(JsonInclude.Include.NON_NULL) String conversationId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String language,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> customConfig,
        @JsonInclude(JsonInclude.Include.NON_NULL) String endReason) {

    public enum Type { STARTED, UPDATED, ENDED }

    public enum Direction { INBOUND, OUTBOUND, UNKNOWN }

    public CallEvent {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(type, "type");
        direction = direction == null ? Direction.UNKNOWN : direction;
        // ArrayList, not List.copyOf: Flink serializes these with Kryo, which cannot rebuild immutable lists.
        tracks = tracks == null ? new ArrayList<>() : new ArrayList<>(tracks);
        customConfig = customConfig == null ? null : new LinkedHashMap<>(customConfig);
    }

    /** A call without the live-only fields (recorded imports). */
    public CallEvent(String tenant, String callId, Type type, Direction direction, String aniHash, String dnis,
            String agentId, String campaign, List<Track> tracks, long startedAtMs, long durationMs, String source,
            long ts) {
        this(tenant, callId, type, direction, aniHash, dnis, agentId, campaign, tracks, startedAtMs, durationMs, source,
                ts, null, null, null, null);
    }
}
