package io.callsight.voicebot.twilio;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callsight.voicebot.twilio.MediaStreamMessage.Clear;
import io.callsight.voicebot.twilio.MediaStreamMessage.Connected;
import io.callsight.voicebot.twilio.MediaStreamMessage.Dtmf;
import io.callsight.voicebot.twilio.MediaStreamMessage.Inbound;
import io.callsight.voicebot.twilio.MediaStreamMessage.Mark;
import io.callsight.voicebot.twilio.MediaStreamMessage.Media;
import io.callsight.voicebot.twilio.MediaStreamMessage.MediaFormat;
import io.callsight.voicebot.twilio.MediaStreamMessage.Outbound;
import io.callsight.voicebot.twilio.MediaStreamMessage.OutboundMark;
import io.callsight.voicebot.twilio.MediaStreamMessage.OutboundMedia;
import io.callsight.voicebot.twilio.MediaStreamMessage.Start;
import io.callsight.voicebot.twilio.MediaStreamMessage.Stop;
import io.callsight.voicebot.twilio.MediaStreamMessage.UnknownEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The wire format, bot side: inbound messages parsed strictly by the types of spec §3 and §4 (extra fields are
 * tolerated, Twilio may add some), outbound messages written with exactly the fields of §5 in the spec's order, since
 * Twilio rejects a missing or extra field (error 31951, §9.3). Thread-safe.
 */
public final class MediaStreamCodec {
    /** Decimal digits only: no sign, no exponent, no blanks; 18 digits always fit a long. */
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,18}");
    private static final String DIGITS = "0123456789*#";

    private final ObjectMapper json;

    public MediaStreamCodec() {
        // one object per frame: a second key of the same name or anything after the object is not a message
        JsonFactory factory = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        this.json = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    // ------------------------------------------------------------------------------------------------ inbound

    /**
     * One text frame from Twilio. An {@code event} this codec does not know is an {@link UnknownEvent}, not an error
     * (§7: ignore unknown events).
     *
     * @throws MalformedMessageException naming the field and what is wrong with it
     */
    public Inbound parse(String text) throws MalformedMessageException {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JsonProcessingException e) {
            // Jackson's own message may quote the input: only the position is reported
            long at = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
            throw new MalformedMessageException(null, "", "is not one valid JSON object"
                    + (at >= 0 ? " (error at character " + at + ")" : ""));
        }
        if (root == null || !root.isObject()) {
            throw new MalformedMessageException(null, "", "is not a JSON object");
        }
        JsonNode event = root.get("event");
        if (event == null || event.isNull()) {
            throw new MalformedMessageException(null, "event", "is missing");
        }
        if (!event.isTextual()) {
            throw new MalformedMessageException(null, "event", "must be a string, not " + kind(event));
        }
        Fields f = new Fields(event.asText(), root);
        return switch (f.event) {
            case "connected" -> new Connected(f.text(root, "protocol"), f.text(root, "version"));
            case "start" -> start(f);
            case "media" -> media(f);
            case "dtmf" -> dtmf(f);
            case "mark" -> new Mark(f.decimal(root, "sequenceNumber"), f.text(root, "streamSid"),
                    f.text(f.object(root, "mark"), "mark.name"));
            case "stop" -> {
                JsonNode stop = f.object(root, "stop");
                yield new Stop(f.decimal(root, "sequenceNumber"), f.text(root, "streamSid"),
                        f.text(stop, "stop.accountSid"), f.text(stop, "stop.callSid"));
            }
            default -> new UnknownEvent(f.event);
        };
    }

    private static Start start(Fields f) throws MalformedMessageException {
        long seq = f.decimal(f.root, "sequenceNumber");
        String streamSid = f.text(f.root, "streamSid");
        JsonNode start = f.object(f.root, "start");
        String innerSid = f.text(start, "start.streamSid");
        if (!innerSid.equals(streamSid)) {
            throw new MalformedMessageException(f.event, "start.streamSid", "differs from the top-level streamSid");
        }
        JsonNode tracksNode = f.field(start, "start.tracks");
        if (!tracksNode.isArray()) {
            throw f.wrongType("start.tracks", "an array of strings", tracksNode);
        }
        List<String> tracks = new ArrayList<>();
        for (JsonNode t : tracksNode) {
            if (!t.isTextual()) {
                throw f.wrongType("start.tracks[" + tracks.size() + "]", "a string", t);
            }
            tracks.add(t.asText());
        }
        Map<String, String> params = new LinkedHashMap<>();
        JsonNode p = start.get("customParameters");
        // §4.2: a missing or empty object means "none"
        if (p != null && !p.isNull()) {
            if (!p.isObject()) {
                throw f.wrongType("start.customParameters", "an object", p);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual()) {
                    // the parameter's name is left out too: names are chosen by whoever wrote the TwiML
                    throw new MalformedMessageException(f.event, "start.customParameters", "values must be strings, one"
                            + " is " + kind(e.getValue()));
                }
                params.put(e.getKey(), e.getValue().asText());
            }
        }
        JsonNode format = f.object(start, "start.mediaFormat");
        MediaFormat mediaFormat = new MediaFormat(f.text(format, "start.mediaFormat.encoding"),
                f.integer(format, "start.mediaFormat.sampleRate"), f.integer(format, "start.mediaFormat.channels"));
        return new Start(seq, streamSid, f.text(start, "start.accountSid"), f.text(start, "start.callSid"), tracks,
                params, mediaFormat);
    }

    private static Media media(Fields f) throws MalformedMessageException {
        long seq = f.decimal(f.root, "sequenceNumber");
        String streamSid = f.text(f.root, "streamSid");
        JsonNode media = f.object(f.root, "media");
        String track = f.text(media, "media.track");
        long chunk = f.decimal(media, "media.chunk");
        long timestamp = f.decimal(media, "media.timestamp");
        String payload = f.text(media, "media.payload");
        return new Media(seq, streamSid, track, chunk, timestamp, f.base64(payload, "media.payload"));
    }

    private static Dtmf dtmf(Fields f) throws MalformedMessageException {
        long seq = f.decimal(f.root, "sequenceNumber");
        String streamSid = f.text(f.root, "streamSid");
        JsonNode dtmf = f.object(f.root, "dtmf");
        String track = f.text(dtmf, "dtmf.track");
        String digit = f.text(dtmf, "dtmf.digit");
        if (digit.length() != 1 || DIGITS.indexOf(digit.charAt(0)) < 0) {
            throw new MalformedMessageException(f.event, "dtmf.digit", "must be one of 0-9, * or #");
        }
        return new Dtmf(seq, streamSid, track, digit.charAt(0));
    }

    /** Reads the fields of one message; every failure names the event and the field's path. */
    private static final class Fields {
        final String event;
        final JsonNode root;

        Fields(String event, JsonNode root) {
            this.event = event;
            this.root = root;
        }

        JsonNode field(JsonNode parent, String path) throws MalformedMessageException {
            JsonNode v = parent.get(leaf(path));
            if (v == null || v.isNull()) {
                throw new MalformedMessageException(event, path, "is missing");
            }
            return v;
        }

        JsonNode object(JsonNode parent, String path) throws MalformedMessageException {
            JsonNode v = field(parent, path);
            if (!v.isObject()) {
                throw wrongType(path, "an object", v);
            }
            return v;
        }

        String text(JsonNode parent, String path) throws MalformedMessageException {
            JsonNode v = field(parent, path);
            if (!v.isTextual()) {
                throw wrongType(path, "a string", v);
            }
            return v.asText();
        }

        /** §3: sequenceNumber, chunk and timestamp are strings holding decimal integers. */
        long decimal(JsonNode parent, String path) throws MalformedMessageException {
            JsonNode v = field(parent, path);
            if (!v.isTextual()) {
                throw wrongType(path, "a string of decimal digits", v);
            }
            String s = v.asText();
            if (!DECIMAL.matcher(s).matches()) {
                throw new MalformedMessageException(event, path, s.length() > 18 && s.chars().allMatch(Character::isDigit)
                        ? "is out of range (more than 18 digits)" : "must hold decimal digits only");
            }
            return Long.parseLong(s);
        }

        /** §3: sampleRate and channels are JSON numbers. */
        int integer(JsonNode parent, String path) throws MalformedMessageException {
            JsonNode v = field(parent, path);
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw wrongType(path, "an integer number", v);
            }
            return v.intValue();
        }

        /** §3: standard alphabet, padded; any length (§9.8). */
        byte[] base64(String s, String path) throws MalformedMessageException {
            if (s.length() % 4 != 0) {
                throw new MalformedMessageException(event, path, "is not padded base64 (length " + s.length()
                        + " is not a multiple of 4)");
            }
            try {
                return Base64.getDecoder().decode(s);
            } catch (IllegalArgumentException e) {
                throw new MalformedMessageException(event, path, "is not standard base64 (" + e.getMessage() + ")");
            }
        }

        MalformedMessageException wrongType(String path, String expected, JsonNode actual) {
            return new MalformedMessageException(event, path, "must be " + expected + ", not " + kind(actual));
        }

        private static String leaf(String path) {
            int dot = path.lastIndexOf('.');
            return dot < 0 ? path : path.substring(dot + 1);
        }
    }

    private static String kind(JsonNode n) {
        return switch (n.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case NULL, MISSING -> "null";
            case BINARY -> "binary";
        };
    }

    // ----------------------------------------------------------------------------------------------- outbound

    /** One outbound message with exactly the fields of §5, in the spec's order. */
    public String write(Outbound message) {
        StringWriter out = new StringWriter(message instanceof OutboundMedia m ? 64 + m.payload().length * 4 / 3 : 96);
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            g.writeStartObject();
            if (message instanceof OutboundMedia m) {
                g.writeStringField("event", "media");
                g.writeStringField("streamSid", m.streamSid());
                g.writeObjectFieldStart("media");
                g.writeStringField("payload", Base64.getEncoder().encodeToString(m.payload()));
                g.writeEndObject();
            } else if (message instanceof OutboundMark m) {
                g.writeStringField("event", "mark");
                g.writeStringField("streamSid", m.streamSid());
                g.writeObjectFieldStart("mark");
                g.writeStringField("name", m.name());
                g.writeEndObject();
            } else {
                g.writeStringField("event", "clear");
                g.writeStringField("streamSid", ((Clear) message).streamSid());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a StringWriter", e);
        }
        return out.toString();
    }
}
