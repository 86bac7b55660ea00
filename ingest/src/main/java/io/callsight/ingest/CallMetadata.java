package io.callsight.ingest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.callsight.events.CallEvent.Direction;
import java.time.Instant;

/**
 * What a recording's sidecar JSON ({@code call.wav} → {@code call.json}) may say about the call. Every field
 * is optional; a missing tenant falls back to the importer's default.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallMetadata(
        String tenant,
        String callId,
        String agentId,
        Direction direction,
        Instant startTime,
        String campaign,
        String ani,
        String dnis) {

    public static final CallMetadata EMPTY = new CallMetadata(null, null, null, null, null, null, null, null);
}
