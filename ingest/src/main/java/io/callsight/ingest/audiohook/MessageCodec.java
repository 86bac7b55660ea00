package io.callsight.ingest.audiohook;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** Text messages on the wire: client messages parsed and checked (envelope, §4.1), server messages written. */
public final class MessageCodec {
    static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    public static final String VERSION = "2";

    private final UUID sessionId;

    public MessageCodec(UUID sessionId) {
        this.sessionId = sessionId;
    }

    /** The message, if its envelope is valid for this session (seq order is the session's check, not this). */
    public ClientMessage parse(String text) throws ProtocolException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ProtocolException("bad_json", "message is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new ProtocolException("bad_json", "message is not a JSON object");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isTextual() || !VERSION.equals(version.asText())) {
            throw new ProtocolException("bad_version", "version must be \"2\"");
        }
        JsonNode id = root.get("id");
        if (id == null || !id.isTextual() || !sessionId.equals(uuid(id.asText()).orElse(null))) {
            throw new ProtocolException("wrong_id", "id must be the session id (Audiohook-Session-Id)");
        }
        JsonNode type = root.get("type");
        if (type == null || !type.isTextual() || type.asText().isEmpty()) {
            throw new ProtocolException("bad_type", "type must be a non-empty string");
        }
        long seq = integer(root.get("seq"), 1, "seq");
        long serverseq = integer(root.get("serverseq"), 0, "serverseq");
        JsonNode position = root.get("position");
        Optional<Duration> pos = position != null && position.isTextual() ? ProtocolDuration.parse(position.asText())
                : Optional.empty();
        if (pos.isEmpty()) {
            throw new ProtocolException("bad_position", "position must be a duration such as PT1.5S");
        }
        JsonNode parameters = root.get("parameters");
        if (parameters == null || !parameters.isObject()) {
            throw new ProtocolException("bad_parameters", "parameters must be an object");
        }
        return new ClientMessage(type.asText(), seq, serverseq, pos.get(), (ObjectNode) parameters);
    }

    private static long integer(JsonNode node, long min, String name) throws ProtocolException {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < min) {
            throw new ProtocolException("bad_" + name, name + " must be an integer >= " + min);
        }
        return node.asLong();
    }

    /** A server message: {@code version, id, type, seq, clientseq, parameters}, in that order. */
    public String server(String type, long seq, long clientseq, ObjectNode parameters) {
        ObjectNode m = JSON.createObjectNode();
        m.put("version", VERSION);
        m.put("id", sessionId.toString());
        m.put("type", type);
        m.put("seq", seq);
        m.put("clientseq", clientseq);
        m.set("parameters", parameters == null ? JSON.createObjectNode() : parameters);
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** A UUID in the canonical 8-4-4-4-12 hex form (what {@link UUID#fromString} also accepts in shorter forms). */
    public static Optional<UUID> uuid(String text) {
        if (text == null || !text.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(text));
    }
}
