package io.callsight.ingest.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One media offer (spec §6): {@code external} is the customer side, {@code internal} the agent side; audio frames
 * interleave the channels in this order.
 */
public record Media(String format, List<String> channels, int rate) {
    public static final String EXTERNAL = "external";
    public static final String INTERNAL = "internal";

    /**
     * What Genesys Cloud offers, in its preference order: stereo PCMU first, then each side alone (Genesys is reported
     * to send PCMU only, spec §11.7).
     */
    public static final List<Media> SOFTSWITCH_OFFERS = List.of(
            new Media("PCMU", List.of(EXTERNAL, INTERNAL), 8000),
            new Media("PCMU", List.of(EXTERNAL), 8000),
            new Media("PCMU", List.of(INTERNAL), 8000));

    public Media {
        channels = List.copyOf(channels);
    }

    ObjectNode toJson() {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("type", "audio");
        m.put("format", format);
        channels.forEach(m.putArray("channels")::add);
        m.put("rate", rate);
        return m;
    }

    /** The offer as the server echoed it, or null if it is not an audio offer of a shape we know. */
    static Media fromJson(JsonNode m) {
        if (!"audio".equals(m.path("type").asText()) || !m.path("format").isTextual() || !m.path("rate").isInt()
                || !m.path("channels").isArray()) {
            return null;
        }
        List<String> channels = new ArrayList<>();
        m.path("channels").forEach(c -> channels.add(c.asText()));
        return new Media(m.get("format").asText(), channels, m.get("rate").asInt());
    }

    @Override
    public String toString() {
        return format + "/" + rate + " " + String.join("+", channels);
    }
}
