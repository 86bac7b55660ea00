package io.callsight.ingest.audiohook;

import com.fasterxml.jackson.databind.JsonNode;
import io.callsight.events.AudioCodec;
import io.callsight.events.Track;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One acceptable entry of {@code open.parameters.media}. {@code offer} is the client's JSON as received: the
 * {@code opened} answer echoes it unchanged (§6: never reorder channels, never invent an offer).
 */
public record MediaOffer(AudioCodec codec, List<Track> tracks, JsonNode offer) {

    public int channels() {
        return tracks.size();
    }

    public int bytesPerSampleFrame() {
        return tracks.size() * codec.bytesPerSample();
    }

    /** The offer if Callsight can take it (PCMU or L16, 8 kHz, 1 or 2 distinct known channels); else empty. */
    public static Optional<MediaOffer> accept(JsonNode offer) {
        if (offer == null || !offer.isObject()) {
            return Optional.empty();
        }
        if (!"audio".equals(offer.path("type").asText(null))) {
            return Optional.empty();
        }
        AudioCodec codec = switch (offer.path("format").asText("")) {
            case "PCMU" -> AudioCodec.PCMU;
            case "L16" -> AudioCodec.L16;
            default -> null;
        };
        JsonNode rate = offer.get("rate");
        if (codec == null || rate == null || !rate.isIntegralNumber() || rate.asLong() != ProtocolDuration.SAMPLE_RATE) {
            return Optional.empty();
        }
        JsonNode channels = offer.get("channels");
        if (channels == null || !channels.isArray() || channels.size() < 1 || channels.size() > 2) {
            return Optional.empty();
        }
        List<Track> tracks = new ArrayList<>();
        for (JsonNode c : channels) {
            Track t = switch (c.asText("")) {
                case "external" -> Track.CUSTOMER;
                case "internal" -> Track.AGENT;
                default -> null;
            };
            if (!c.isTextual() || t == null || tracks.contains(t)) {
                return Optional.empty();
            }
            tracks.add(t);
        }
        return Optional.of(new MediaOffer(codec, List.copyOf(tracks), offer.deepCopy()));
    }

    /** The first stereo offer in the client's order, else (if allowed) the first mono one. */
    public static Optional<MediaOffer> choose(JsonNode media, boolean acceptMono) {
        List<MediaOffer> usable = new ArrayList<>();
        for (JsonNode o : media) {
            accept(o).ifPresent(usable::add);
        }
        Optional<MediaOffer> stereo = usable.stream().filter(m -> m.channels() == 2).findFirst();
        if (stereo.isPresent() || !acceptMono) {
            return stereo;
        }
        return usable.stream().findFirst();
    }
}
