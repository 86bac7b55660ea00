package io.callsight.voicebot;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A bot call as the gateway knows it at {@code start} (spec §4.2).
 *
 * @param tenantId         from the authenticated API key, never from the call's own data
 * @param customParameters the TwiML {@code <Parameter>}s, without {@code apiKey}
 * @param connectedAt      when the WebSocket was accepted
 */
public record CallInfo(String tenantId, String streamSid, String callSid, String accountSid,
        Map<String, String> customParameters, Instant connectedAt) {
    public CallInfo {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(streamSid, "streamSid");
        customParameters = Map.copyOf(customParameters);
        Objects.requireNonNull(connectedAt, "connectedAt");
    }
}
