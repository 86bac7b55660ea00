package io.callsight.ingest.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The client's text messages (spec §4.1, §5.1): the envelope every message shares and the parameters of each type.
 * Numbering is the caller's: it must assign {@code seq} and write the frame in one step so wire order equals numbering.
 */
final class ClientMessages {
    static final ObjectMapper JSON = new ObjectMapper();
    static final UUID NIL = new UUID(0, 0);

    private final UUID sessionId;

    ClientMessages(UUID sessionId) {
        this.sessionId = sessionId;
    }

    /** {@code parameters} is always present, {@code {}} when empty. */
    String envelope(String type, long seq, long serverseq, long positionSamples, ObjectNode parameters) {
        ObjectNode m = JSON.createObjectNode();
        m.put("version", "2");
        m.put("id", sessionId.toString());
        m.put("type", type);
        m.put("seq", seq);
        m.put("serverseq", serverseq);
        m.put("position", StreamDuration.ofSamples(positionSamples));
        m.set("parameters", parameters == null ? JSON.createObjectNode() : parameters);
        return m.toString();
    }

    /** The caller's party as a softswitch describes it; all four keys present, strings may be empty. */
    record Participant(UUID id, String ani, String aniName, String dnis) {
    }

    static ObjectNode open(UUID organizationId, UUID conversationId, Participant participant, List<Media> offers,
            String language, boolean supportedLanguages, Map<String, String> customConfig) {
        ObjectNode p = JSON.createObjectNode();
        p.put("organizationId", organizationId.toString());
        p.put("conversationId", conversationId.toString());
        ObjectNode who = p.putObject("participant");
        who.put("id", participant.id().toString());
        who.put("ani", participant.ani());
        who.put("aniName", participant.aniName());
        who.put("dnis", participant.dnis());
        com.fasterxml.jackson.databind.node.ArrayNode media = p.putArray("media");
        offers.forEach(o -> media.add(o.toJson()));
        if (language != null) {
            p.put("language", language);
        }
        if (supportedLanguages) {
            p.put("supportedLanguages", true);
        }
        if (customConfig != null && !customConfig.isEmpty()) {
            ObjectNode c = p.putObject("customConfig");
            customConfig.forEach(c::put);
        }
        return p;
    }

    /** @param rtt the round trip of the previous ping, null for the first */
    static ObjectNode ping(Duration rtt) {
        ObjectNode p = JSON.createObjectNode();
        if (rtt != null) {
            p.put("rtt", StreamDuration.of(rtt));
        }
        return p;
    }

    static ObjectNode empty() {
        return JSON.createObjectNode();
    }

    /** {@code resumed} and {@code discarded} share their parameters: where the gap began and how long it is. */
    static ObjectNode gap(long startSamples, long discardedSamples) {
        ObjectNode p = JSON.createObjectNode();
        p.put("start", StreamDuration.ofSamples(startSamples));
        p.put("discarded", StreamDuration.ofSamples(discardedSamples));
        return p;
    }

    /** @param reason {@code end}, {@code error}, {@code disconnect} or {@code reconnect} */
    static ObjectNode close(String reason) {
        ObjectNode p = JSON.createObjectNode();
        p.put("reason", reason);
        return p;
    }

    static ObjectNode error(int code, String message) {
        ObjectNode p = JSON.createObjectNode();
        p.put("code", code);
        p.put("message", message);
        return p;
    }
}
