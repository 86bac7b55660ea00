package io.callsight.voicebot.twilio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callsight.voicebot.Ulaw;
import io.callsight.voicebot.twilio.MediaStreamMessage.Clear;
import io.callsight.voicebot.twilio.MediaStreamMessage.Connected;
import io.callsight.voicebot.twilio.MediaStreamMessage.Dtmf;
import io.callsight.voicebot.twilio.MediaStreamMessage.Mark;
import io.callsight.voicebot.twilio.MediaStreamMessage.Media;
import io.callsight.voicebot.twilio.MediaStreamMessage.MediaFormat;
import io.callsight.voicebot.twilio.MediaStreamMessage.OutboundMark;
import io.callsight.voicebot.twilio.MediaStreamMessage.OutboundMedia;
import io.callsight.voicebot.twilio.MediaStreamMessage.Start;
import io.callsight.voicebot.twilio.MediaStreamMessage.Stop;
import io.callsight.voicebot.twilio.MediaStreamMessage.UnknownEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MediaStreamCodecTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MediaStreamCodec codec = new MediaStreamCodec();

    // ----------------------------------------------------------------------------------- the spec's examples (§8)

    @Test
    void parsesTheStartOfASessionOfSection8() throws Exception {
        Connected c = (Connected) codec.parse("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}");
        assertEquals(new Connected("Call", "1.0.0"), c);

        Start s = (Start) codec.parse(Messages.start());
        assertEquals(1, s.sequenceNumber());
        assertEquals(Messages.SID, s.streamSid());
        assertEquals(Messages.ACCOUNT, s.accountSid());
        assertEquals(Messages.CALL, s.callSid());
        assertEquals(List.of("inbound"), s.tracks());
        assertEquals(Map.of("tenant", "acme", "botFlow", "billing-v3"), s.customParameters());
        assertEquals(MediaFormat.ULAW_8K_MONO, s.mediaFormat());

        byte[] silence = Ulaw.silence(160);
        Media m = (Media) codec.parse("{\"event\":\"media\",\"sequenceNumber\":\"2\",\"media\":{\"track\":\"inbound\","
                + "\"chunk\":\"1\",\"timestamp\":\"40\",\"payload\":\"" + java.util.Base64.getEncoder()
                .encodeToString(silence) + "\"},\"streamSid\":\"" + Messages.SID + "\"}");
        assertEquals(2, m.sequenceNumber());
        assertEquals("inbound", m.track());
        assertEquals(1, m.chunk());
        assertEquals(40, m.timestamp());
        assertArrayEquals(silence, m.payload());
    }

    @Test
    void parsesDtmfMarkAndStopOfSection8() throws Exception {
        assertEquals(new Dtmf(305, Messages.SID, "inbound_track", '#'), codec.parse(Messages.dtmf(305, '#')));
        assertEquals(new Mark(214, Messages.SID, "turn-2:seg-2"), codec.parse(Messages.mark(214, "turn-2:seg-2")));
        assertEquals(new Stop(612, Messages.SID, Messages.ACCOUNT, Messages.CALL), codec.parse(Messages.stop(612)));
    }

    @Test
    void everyDigitOfAPhoneKeypadIsADtmf() throws Exception {
        for (char d : "0123456789*#".toCharArray()) {
            assertEquals(d, ((Dtmf) codec.parse(Messages.dtmf(3, d))).digit());
        }
    }

    @Test
    void decodesPayloadsOfAnyLength() throws Exception {
        for (int n : new int[] {0, 1, 2, 3, 159, 160, 161, 8000}) {
            byte[] audio = Messages.voice(n);
            Media m = (Media) codec.parse(Messages.media(2, 1, 0, audio));
            assertArrayEquals(audio, m.payload(), n + " bytes");
        }
    }

    @Test
    void aStartWithoutOrWithEmptyCustomParametersHasNone() throws Exception {
        assertEquals(Map.of(), ((Start) codec.parse(Messages.start(1, "{}"))).customParameters());
        assertEquals(Map.of(), ((Start) codec.parse(Messages.start(1, "null"))).customParameters());
        ObjectNode s = tree(Messages.start());
        ((ObjectNode) s.get("start")).remove("customParameters");
        assertEquals(Map.of(), ((Start) codec.parse(s.toString())).customParameters());
    }

    @Test
    void extraFieldsInboundAreTolerated() throws Exception {
        ObjectNode m = tree(Messages.media(7, 3, 60, Messages.voice(160)));
        m.put("futureField", 1);
        ((ObjectNode) m.get("media")).putObject("nested").put("x", "y");
        Media media = (Media) codec.parse(m.toString());
        assertEquals(7, media.sequenceNumber());
        ObjectNode s = tree(Messages.start());
        ((ObjectNode) s.get("start")).put("extra", true);
        ((ObjectNode) s.get("start").get("mediaFormat")).put("bitDepth", 8);
        assertInstanceOf(Start.class, codec.parse(s.toString()));
    }

    @Test
    void unknownEventsAreNotErrors() throws Exception {
        assertEquals(new UnknownEvent("transcription"), codec.parse("{\"event\":\"transcription\",\"data\":{}}"));
        assertEquals(new UnknownEvent(""), codec.parse("{\"event\":\"\"}"));
    }

    // ------------------------------------------------------------------------------------------- malformed

    @Test
    void notJsonOrNotAnObjectOrNoEvent() {
        malformed("{\"event\":\"media\"", "", "not one valid JSON object");
        malformed("", "", "not a JSON object");
        malformed("[1,2]", "", "not a JSON object");
        malformed("\"media\"", "", "not a JSON object");
        malformed("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"} {}", "",
                "not one valid JSON object");
        malformed("{\"protocol\":\"Call\"}", "event", "is missing");
        malformed("{\"event\":null}", "event", "is missing");
        malformed("{\"event\":7}", "event", "must be a string, not a number");
        malformed("{\"event\":\"mark\",\"event\":\"media\"}", "", "not one valid JSON object");
    }

    /** Every required field of every message, removed in turn: the error names the field as "is missing". */
    @Test
    void everyMissingRequiredFieldIsNamed() throws Exception {
        String[] messages = {Messages.connected(), Messages.start(), Messages.media(2, 1, 0, Messages.voice(160)),
                Messages.dtmf(3, '5'), Messages.mark(4, "turn-1:seg-1"), Messages.stop(5)};
        int cases = 0;
        for (String message : messages) {
            ObjectNode root = tree(message);
            for (String path : leafPaths(root, "")) {
                if (path.equals("event") || path.equals("start.customParameters")
                        || path.startsWith("start.customParameters.")) {
                    continue;
                }
                ObjectNode copy = root.deepCopy();
                remove(copy, path);
                String field = path.startsWith("start.tracks") ? "start.tracks" : path;
                MalformedMessageException e = assertThrows(MalformedMessageException.class,
                        () -> codec.parse(copy.toString()), path);
                assertEquals(field, e.field(), path);
                assertTrue(e.getMessage().contains("is missing"), e.getMessage());
                assertEquals(root.get("event").asText(), e.event());
                cases++;
            }
        }
        assertTrue(cases >= 25, cases + " cases");
    }

    @Test
    void sequenceNumbersChunksAndTimestampsAreDecimalStrings() throws Exception {
        String media = Messages.media(2, 1, 40, Messages.voice(160));
        for (String field : new String[] {"sequenceNumber", "media.chunk", "media.timestamp"}) {
            malformed(with(media, field, JSON.getNodeFactory().numberNode(40)), field,
                    "must be a string of decimal digits, not a number");
            malformed(with(media, field, JSON.getNodeFactory().textNode("-1")), field, "decimal digits only");
            malformed(with(media, field, JSON.getNodeFactory().textNode("1.5")), field, "decimal digits only");
            malformed(with(media, field, JSON.getNodeFactory().textNode(" 7")), field, "decimal digits only");
            malformed(with(media, field, JSON.getNodeFactory().textNode("")), field, "decimal digits only");
            malformed(with(media, field, JSON.getNodeFactory().textNode("0x10")), field, "decimal digits only");
            malformed(with(media, field, JSON.getNodeFactory().textNode("1234567890123456789")), field,
                    "out of range");
        }
        malformed(with(Messages.mark(4, "m"), "sequenceNumber", JSON.getNodeFactory().booleanNode(true)),
                "sequenceNumber", "not a boolean");
    }

    @Test
    void mediaFormatNumbersAreJsonNumbers() throws Exception {
        malformed(with(Messages.start(), "start.mediaFormat.sampleRate", JSON.getNodeFactory().textNode("8000")),
                "start.mediaFormat.sampleRate", "must be an integer number, not a string");
        malformed(with(Messages.start(), "start.mediaFormat.channels", JSON.getNodeFactory().numberNode(1.5)),
                "start.mediaFormat.channels", "must be an integer number");
        malformed(with(Messages.start(), "start.mediaFormat", JSON.getNodeFactory().textNode("audio/x-mulaw")),
                "start.mediaFormat", "must be an object, not a string");
        // well-typed but another format parses: the session refuses it (1003), the codec only reads types
        Start s = (Start) codec.parse(with(Messages.start(), "start.mediaFormat.sampleRate",
                JSON.getNodeFactory().numberNode(16000)));
        assertEquals(16000, s.mediaFormat().sampleRate());
    }

    @Test
    void startFieldsOfTheWrongShape() throws Exception {
        malformed(with(Messages.start(), "start.tracks", JSON.getNodeFactory().textNode("inbound")), "start.tracks",
                "must be an array of strings, not a string");
        malformed(with(Messages.start(), "start.tracks", JSON.createArrayNode().add(1)), "start.tracks[0]",
                "must be a string, not a number");
        malformed(with(Messages.start(), "start.customParameters", JSON.createArrayNode()), "start.customParameters",
                "must be an object, not an array");
        MalformedMessageException e = assertThrows(MalformedMessageException.class,
                () -> codec.parse(Messages.start(1, "{\"apiKey\":12345678}")));
        assertEquals("start.customParameters", e.field());
        assertFalse(e.getMessage().contains("apiKey") || e.getMessage().contains("12345678"), e.getMessage());
        malformed(with(Messages.start(), "start.streamSid", JSON.getNodeFactory().textNode("MZother")),
                "start.streamSid", "differs from the top-level streamSid");
        malformed(with(Messages.start(), "start", JSON.getNodeFactory().textNode("x")), "start",
                "must be an object, not a string");
    }

    @Test
    void payloadsAreStandardPaddedBase64() throws Exception {
        String media = Messages.media(2, 1, 0, Messages.voice(160));
        malformed(with(media, "media.payload", JSON.getNodeFactory().textNode("//8")), "media.payload",
                "not padded base64 (length 3");
        malformed(with(media, "media.payload", JSON.getNodeFactory().textNode("__-_")), "media.payload",
                "not standard base64");
        malformed(with(media, "media.payload", JSON.getNodeFactory().textNode("ab!d")), "media.payload",
                "not standard base64");
        malformed(with(media, "media.payload", JSON.getNodeFactory().textNode("////\n////")), "media.payload",
                "not padded base64");
        malformed(with(media, "media.payload", JSON.getNodeFactory().textNode("//==////")), "media.payload",
                "not standard base64");
        malformed(with(media, "media.payload", JSON.getNodeFactory().numberNode(5)), "media.payload",
                "must be a string, not a number");
        malformed(with(media, "media", JSON.createArrayNode()), "media", "must be an object, not an array");
    }

    @Test
    void dtmfDigitsAreOneKey() throws Exception {
        for (String bad : new String[] {"", "12", "A", "a", " "}) {
            malformed(with(Messages.dtmf(3, '1'), "dtmf.digit", JSON.getNodeFactory().textNode(bad)), "dtmf.digit",
                    "must be one of 0-9, * or #");
        }
        malformed(with(Messages.dtmf(3, '1'), "dtmf.digit", JSON.getNodeFactory().numberNode(1)), "dtmf.digit",
                "must be a string, not a number");
    }

    @Test
    void errorsNeverQuoteTheValue() throws Exception {
        String secret = "csk_0123456789abcdef_SECRETSECRETSECRETSECRETSECRETSECRETSECRE";
        List<String> bad = List.of(
                with(Messages.media(2, 1, 0, new byte[1]), "media.payload", JSON.getNodeFactory().textNode(secret)),
                with(Messages.mark(4, "m"), "sequenceNumber", JSON.getNodeFactory().textNode(secret)),
                with(Messages.dtmf(3, '1'), "dtmf.digit", JSON.getNodeFactory().textNode(secret)),
                "{\"event\":\"mark\",\"x\":" + secret + "}",
                "{\"event\":\"start\",\"start\":{\"customParameters\":{\"apiKey\":{\"k\":\"" + secret + "\"}}}}");
        for (String b : bad) {
            MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> codec.parse(b));
            assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
        }
    }

    // -------------------------------------------------------------------------------------------- outbound

    @Test
    void outboundMessagesHaveExactlyTheFieldsOfSection5InOrder() {
        assertEquals("{\"event\":\"media\",\"streamSid\":\"" + Messages.SID + "\",\"media\":{\"payload\":\"//8=\"}}",
                codec.write(new OutboundMedia(Messages.SID, new byte[] {(byte) 0xFF, (byte) 0xFF})));
        assertEquals("{\"event\":\"mark\",\"streamSid\":\"" + Messages.SID + "\",\"mark\":{\"name\":\"turn-1:seg-1\"}}",
                codec.write(new OutboundMark(Messages.SID, "turn-1:seg-1")));
        assertEquals("{\"event\":\"clear\",\"streamSid\":\"" + Messages.SID + "\"}", codec.write(new Clear(Messages.SID)));
    }

    @Test
    void outboundStringsAreEscaped() throws Exception {
        JsonNode m = JSON.readTree(codec.write(new OutboundMark(Messages.SID, "turn-\"1\":seg\\2\n")));
        assertEquals("turn-\"1\":seg\\2\n", m.get("mark").get("name").asText());
    }

    @Test
    void outboundPayloadIsPaddedStandardBase64() throws Exception {
        byte[] audio = Messages.voice(1601);
        JsonNode m = JSON.readTree(codec.write(new OutboundMedia(Messages.SID, audio)));
        String p = m.get("media").get("payload").asText();
        assertEquals(0, p.length() % 4);
        assertArrayEquals(audio, java.util.Base64.getDecoder().decode(p));
    }

    // ------------------------------------------------------------------------------------------- helpers

    private void malformed(String text, String field, String problem) {
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> codec.parse(text), text);
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage() + " should say: " + problem);
    }

    private static ObjectNode tree(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    /** {@code json} with the field at {@code path} replaced. */
    private static String with(String json, String path, JsonNode value) throws Exception {
        ObjectNode root = tree(json);
        String[] parts = path.split("\\.");
        ObjectNode parent = root;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = (ObjectNode) parent.get(parts[i]);
        }
        parent.set(parts[parts.length - 1], value);
        return root.toString();
    }

    private static List<String> leafPaths(JsonNode node, String prefix) {
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = prefix + e.getKey();
            out.add(path);
            if (e.getValue().isObject()) {
                out.addAll(leafPaths(e.getValue(), path + "."));
            }
        }
        return out;
    }

    private static void remove(ObjectNode root, String path) {
        String[] parts = path.split("\\.");
        ObjectNode parent = root;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = (ObjectNode) parent.get(parts[i]);
        }
        parent.remove(parts[parts.length - 1]);
    }
}
