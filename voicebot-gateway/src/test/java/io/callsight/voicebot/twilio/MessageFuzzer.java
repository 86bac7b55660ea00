package io.callsight.voicebot.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callsight.voicebot.Ulaw;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded generator of hostile inbound frames: the spec's messages mutated structurally (fields removed, retyped,
 * nulled, nested) and textually (characters flipped, inserted, deleted, truncated), plus garbage and unknown events.
 *
 * <p>Safe for a live stream by construction: {@code stop} templates carry another stream's sid (a valid stop would
 * end the call), media timestamps start at 0 and at most two edits apply, so a surviving media lies behind a stream
 * more than a second in and is dropped, never moving the timeline ahead.
 */
public final class MessageFuzzer {
    /** Put in every start's apiKey: a test can assert it never reaches a log. */
    public static final String SECRET = "csk_00000000000000ff_FUZZSECRETFUZZSECRETFUZZSECRETFUZZSECRETFUZ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Random random;
    private final String streamSid;
    private final List<String> templates;

    public MessageFuzzer(long seed, String streamSid) {
        this.random = new Random(seed);
        this.streamSid = streamSid;
        String foreign = "MZ" + "0".repeat(32);
        this.templates = List.of(
                Messages.connected(),
                Messages.start(1, "{\"apiKey\":\"" + SECRET + "\",\"botFlow\":\"x\"}").replace(Messages.SID, streamSid),
                media(Ulaw.silence(160)),
                media(Messages.voice(7)),
                "{\"event\":\"dtmf\",\"streamSid\":\"" + streamSid + "\",\"sequenceNumber\":\"9\",\"dtmf\":{\"track\":"
                        + "\"inbound_track\",\"digit\":\"5\"}}",
                "{\"event\":\"mark\",\"sequenceNumber\":\"9\",\"streamSid\":\"" + streamSid + "\",\"mark\":{\"name\":"
                        + "\"fuzz:seg-1\"}}",
                Messages.stop(9, foreign),
                "{\"event\":\"transcription\",\"sequenceNumber\":\"9\",\"streamSid\":\"" + streamSid + "\"}");
    }

    private String media(byte[] payload) {
        return Messages.media(9, streamSid, "inbound", 1, 0, payload);
    }

    public String next() {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return garbage();
        }
        String t = templates.get(random.nextInt(templates.size()));
        if (kind <= 5) {
            return structural(t);
        }
        int edits = 1 + random.nextInt(2);
        for (int i = 0; i < edits; i++) {
            t = textual(t);
        }
        return t;
    }

    private String garbage() {
        return switch (random.nextInt(8)) {
            case 0 -> "";
            case 1 -> randomString(1 + random.nextInt(300));
            case 2 -> "[".repeat(1 + random.nextInt(3000));
            case 3 -> "{\"event\":" + "{\"a\":".repeat(500) + "1" + "}".repeat(500) + "}";
            case 4 -> "{\"event\":\"media\",\"media\":{\"payload\":\"" + "A".repeat(random.nextInt(100_000)) + "\"}}";
            case 5 -> "null";
            case 6 -> "{\"event\":\"" + randomString(20) + "\"}";
            default -> "{\"event\":\"media\",\"sequenceNumber\":\"" + "9".repeat(40) + "\"}";
        };
    }

    private String structural(String template) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(template);
            List<ObjectNode> parents = new ArrayList<>();
            List<String> names = new ArrayList<>();
            collect(root, parents, names);
            int i = random.nextInt(parents.size());
            ObjectNode parent = parents.get(i);
            String name = names.get(i);
            switch (random.nextInt(7)) {
                case 0 -> parent.remove(name);
                case 1 -> parent.putNull(name);
                case 2 -> parent.put(name, random.nextLong());
                case 3 -> parent.put(name, random.nextBoolean());
                case 4 -> parent.putArray(name).add(parent.path(name).isMissingNode() ? "x" : "y");
                case 5 -> parent.putObject(name).put("nested", randomString(5));
                default -> {
                    // an extra field: tolerated inbound, so this one may well stay valid
                    parent.put("extra" + random.nextInt(3), randomString(8));
                }
            }
            return root.toString();
        } catch (Exception e) {
            throw new IllegalStateException("templates are valid JSON", e);
        }
    }

    private static void collect(JsonNode node, List<ObjectNode> parents, List<String> names) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("streamSid") && node.has("event") && node.get("event").asText().equals("stop")) {
                continue; // another stream's stop must stay another stream's
            }
            parents.add((ObjectNode) node);
            names.add(e.getKey());
            if (e.getValue().isObject()) {
                collect(e.getValue(), parents, names);
            } else if (e.getValue() instanceof ArrayNode) {
                continue;
            }
        }
    }

    private String textual(String t) {
        if (t.isEmpty()) {
            return randomString(3);
        }
        int at = random.nextInt(t.length());
        return switch (random.nextInt(5)) {
            case 0 -> t.substring(0, at) + randomChar() + t.substring(at + 1);
            case 1 -> t.substring(0, at) + randomChar() + t.substring(at);
            case 2 -> t.substring(0, at) + t.substring(at + 1);
            case 3 -> t.substring(0, at);
            default -> t.substring(0, at) + t.substring(at, Math.min(t.length(), at + 1 + random.nextInt(20)))
                    + t.substring(at);
        };
    }

    private char randomChar() {
        return switch (random.nextInt(4)) {
            case 0 -> "{}[]\":,\\".charAt(random.nextInt(8));
            case 1 -> (char) random.nextInt(0x20);
            case 2 -> (char) (0x20 + random.nextInt(0x5f));
            default -> {
                // any BMP character but a lone surrogate: a text frame must be valid UTF-8, or it is not sent at all
                char c = (char) random.nextInt(0xFFFF);
                yield Character.isSurrogate(c) ? '\u00e9' : c;
            }
        };
    }

    private String randomString(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(randomChar());
        }
        return b.toString();
    }
}
