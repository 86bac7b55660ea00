package io.callsight.voicebot.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callsight.voicebot.client.ServerMessage.Violation;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a message from the bot server the way Twilio does (spec §5, errors 31924 / 31951): only {@code media},
 * {@code mark} and {@code clear}; exactly their fields, no missing and no extra ones (§9.3); the stream's own
 * {@code streamSid}; a standard, padded base64 payload. Written independently of the server's codec, so the imitator
 * does not accept what the server gets wrong in the same way.
 */
public final class StrictServerParser {
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private StrictServerParser() {
    }

    public static ServerMessage parse(String text, String streamSid) throws Violation {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Violation("not one JSON object: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new Violation("not a JSON object");
        }
        JsonNode event = root.get("event");
        if (event == null || !event.isTextual()) {
            throw new Violation("no string field event");
        }
        switch (event.asText()) {
            case "media" -> {
                fields(root, "", "event", "streamSid", "media");
                sid(root, streamSid);
                JsonNode media = object(root, "media");
                fields(media, "media.", "payload");
                JsonNode payload = media.get("payload");
                if (!payload.isTextual()) {
                    throw new Violation("media.payload is not a string");
                }
                String p = payload.asText();
                if (p.isEmpty() || p.length() % 4 != 0) {
                    throw new Violation("media.payload is empty or not padded base64 (length " + p.length() + ")");
                }
                try {
                    return new ServerMessage.Media(Base64.getDecoder().decode(p));
                } catch (IllegalArgumentException e) {
                    throw new Violation("media.payload is not standard base64: " + e.getMessage());
                }
            }
            case "mark" -> {
                fields(root, "", "event", "streamSid", "mark");
                sid(root, streamSid);
                JsonNode mark = object(root, "mark");
                fields(mark, "mark.", "name");
                if (!mark.get("name").isTextual()) {
                    throw new Violation("mark.name is not a string");
                }
                return new ServerMessage.Mark(mark.get("name").asText());
            }
            case "clear" -> {
                fields(root, "", "event", "streamSid");
                sid(root, streamSid);
                return new ServerMessage.Clear();
            }
            default -> throw new Violation("event '" + event.asText() + "' is not one a bot may send (media, mark,"
                    + " clear)");
        }
    }

    private static void fields(JsonNode node, String prefix, String... expected) throws Violation {
        Set<String> actual = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            actual.add(it.next());
        }
        Set<String> want = new TreeSet<>(Set.of(expected));
        if (!actual.equals(want)) {
            Set<String> extra = new TreeSet<>(actual);
            extra.removeAll(want);
            Set<String> missing = new TreeSet<>(want);
            missing.removeAll(actual);
            throw new Violation((prefix.isEmpty() ? "message" : prefix.substring(0, prefix.length() - 1))
                    + (extra.isEmpty() ? "" : " has extra fields " + extra)
                    + (missing.isEmpty() ? "" : " lacks fields " + missing));
        }
    }

    private static JsonNode object(JsonNode parent, String name) throws Violation {
        JsonNode n = parent.get(name);
        if (!n.isObject()) {
            throw new Violation(name + " is not an object");
        }
        return n;
    }

    private static void sid(JsonNode root, String streamSid) throws Violation {
        JsonNode sid = root.get("streamSid");
        if (!sid.isTextual() || !sid.asText().equals(streamSid)) {
            throw new Violation("streamSid is not this stream's");
        }
    }
}
