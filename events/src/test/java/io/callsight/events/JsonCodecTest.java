package io.callsight.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonCodecTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void callEventRoundTrip() {
        CallEvent event = new CallEvent("acme", "call-1", CallEvent.Type.ENDED, CallEvent.Direction.OUTBOUND,
                "sha256:abcd", "+18005550100", "agent-7", "renewals", List.of(Track.CUSTOMER, Track.AGENT),
                1_700_000_000_000L, 65_432L, "sip-gw-1", 1_700_000_065_432L);
        JsonCodec<CallEvent> codec = JsonCodec.of(CallEvent.class);
        CallEvent back = codec.decode(codec.encode(event));
        assertEquals(event, back);
        assertEquals(List.of(Track.CUSTOMER, Track.AGENT), back.tracks());
    }

    @Test
    void callEventDefaultsMissingDirectionAndTracksAndIgnoresUnknownFields() {
        CallEvent back = JsonCodec.of(CallEvent.class).decode(utf8(
                "{\"tenant\":\"t\",\"callId\":\"c\",\"type\":\"STARTED\",\"futureField\":42}"));
        assertEquals(CallEvent.Direction.UNKNOWN, back.direction());
        assertEquals(List.of(), back.tracks());
        assertEquals(CallEvent.Type.STARTED, back.type());
        assertNull(back.aniHash());
    }

    @Test
    void liveCallEventCarriesConversationLanguageCustomConfigAndEndReason() {
        CallEvent event = new CallEvent("acme", "call-1", CallEvent.Type.ENDED, CallEvent.Direction.UNKNOWN, "ab12",
                "+18005550199", null, null, List.of(Track.CUSTOMER, Track.AGENT), 1_700_000_000_000L, 62_400L,
                "audiohook", 1_700_000_062_400L, "c41b7e92-3d58-4f0a-9e6c-7a2b8d1f5e34", "en-US",
                java.util.Map.of("campaign", "retention", "priority", 3, "nested", java.util.Map.of("a", true)),
                "end");
        JsonCodec<CallEvent> codec = JsonCodec.of(CallEvent.class);
        CallEvent back = codec.decode(codec.encode(event));
        assertEquals(event, back);
        assertEquals("retention", back.customConfig().get("campaign"));
    }

    @Test
    void aRecordedCallEventOmitsTheLiveFieldsAndOldRecordsStillRead() {
        CallEvent recorded = new CallEvent("acme", "call-1", CallEvent.Type.STARTED, CallEvent.Direction.INBOUND,
                null, null, null, null, List.of(Track.CUSTOMER), 0, 0, "a.wav", 1);
        String json = new String(JsonCodec.of(CallEvent.class).encode(recorded), StandardCharsets.UTF_8);
        assertTrue(!json.contains("conversationId") && !json.contains("customConfig") && !json.contains("endReason")
                && !json.contains("language"), json);
        CallEvent old = JsonCodec.of(CallEvent.class).decode(utf8("{\"tenant\":\"t\",\"callId\":\"c\",\"type\":\"ENDED\","
                + "\"direction\":\"INBOUND\",\"tracks\":[\"CUSTOMER\"],\"startedAtMs\":5,\"durationMs\":7,\"source\":\"x.wav\",\"ts\":9}"));
        assertEquals(new CallEvent("t", "c", CallEvent.Type.ENDED, CallEvent.Direction.INBOUND, null, null, null, null,
                List.of(Track.CUSTOMER), 5, 7, "x.wav", 9), old);
        assertNull(old.conversationId());
        assertNull(old.customConfig());
    }

    @Test
    void utteranceWithWordsRoundTrip() {
        Utterance utterance = new Utterance("acme", "call-1", Track.AGENT, 3, 1_000, 2_450, "hello world",
                "hello [NAME]", List.of(new Word("hello", 1_000, 1_400, 0.93), new Word("world", 1_500, 2_450, 0.5)),
                0.715, true);
        JsonCodec<Utterance> codec = JsonCodec.of(Utterance.class);
        byte[] json = codec.encode(utterance);
        Utterance back = codec.decode(json);
        assertEquals(utterance, back);
        assertTrue(back.isFinal(), "isFinal must survive the round trip");
        assertEquals(2, back.words().size());
        assertEquals(new Word("world", 1_500, 2_450, 0.5), back.words().get(1));
        assertEquals("call-1/AGENT/3", back.id());

        Utterance partial = new Utterance("acme", "call-1", Track.AGENT, 4, 0, 0, "", null, null, 0, false);
        Utterance partialBack = codec.decode(codec.encode(partial));
        assertFalse(partialBack.isFinal());
        assertEquals(partial, partialBack);
    }

    @Test
    void utteranceJsonUsesComponentNames() throws Exception {
        Utterance utterance = new Utterance("acme", "c", Track.BOT, 0, 0, 10, "hi", null, List.of(), 1.0, true);
        JsonNode node = JsonCodec.MAPPER.readTree(JsonCodec.of(Utterance.class).encode(utterance));
        assertTrue(node.path("isFinal").asBoolean(false), node.toString());
        assertEquals("BOT", node.path("track").asText());
        assertTrue(node.path("words").isArray());
        // Another component reading the topic must be able to produce the same JSON from a plain map.
        Utterance fromHandWritten = JsonCodec.of(Utterance.class).decode(utf8(
                "{\"tenant\":\"acme\",\"callId\":\"c\",\"track\":\"BOT\",\"idx\":0,\"startMs\":0,\"endMs\":10,"
                        + "\"text\":\"hi\",\"words\":[],\"confidence\":1.0,\"isFinal\":true}"));
        assertEquals(utterance, fromHandWritten);
    }

    @Test
    void utteranceJsonWrittenBeforePartialsExistedReadsAsFinal() {
        JsonCodec<Utterance> codec = JsonCodec.of(Utterance.class);
        Utterance old = codec.decode(utf8("{\"tenant\":\"acme\",\"callId\":\"c\",\"track\":\"AGENT\",\"idx\":2,"
                + "\"startMs\":5,\"endMs\":10,\"text\":\"hi\",\"words\":[],\"confidence\":0.5}"));
        assertTrue(old.isFinal());
        assertEquals("c/AGENT/2", old.id());
        assertFalse(codec.decode(utf8("{\"tenant\":\"acme\",\"callId\":\"c\",\"track\":\"AGENT\",\"idx\":2,"
                + "\"text\":\"hi\",\"isFinal\":false}")).isFinal());
    }

    @Test
    void deadLetterRoundTripKeepsPayloadBytesAsBase64() throws Exception {
        byte[] payload = new byte[256];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        DeadLetter letter = new DeadLetter("transcribe", Topics.AUDIO, 5, 1_234_567_890_123L, "call-1/AGENT",
                "audio frame truncated", payload, 42L);
        JsonCodec<DeadLetter> codec = JsonCodec.of(DeadLetter.class);
        byte[] json = codec.encode(letter);
        JsonNode node = JsonCodec.MAPPER.readTree(json);
        assertArrayEquals(payload, Base64.getDecoder().decode(node.path("payload").asText()));

        DeadLetter back = codec.decode(json);
        // Records compare arrays by reference, so compare field by field.
        assertArrayEquals(payload, back.payload());
        assertEquals(letter.stage(), back.stage());
        assertEquals(letter.sourceTopic(), back.sourceTopic());
        assertEquals(letter.partition(), back.partition());
        assertEquals(letter.offset(), back.offset());
        assertEquals(letter.key(), back.key());
        assertEquals(letter.reason(), back.reason());
        assertEquals(letter.ts(), back.ts());
    }

    @Test
    void deadLetterWithNullPayload() {
        DeadLetter letter = new DeadLetter("s", "t", 0, 0, null, "r", null, 0);
        DeadLetter back = JsonCodec.of(DeadLetter.class).decode(JsonCodec.of(DeadLetter.class).encode(letter));
        assertNull(back.payload());
        assertNull(back.key());
    }

    @Test
    void emptyAndNullInputNamesTheType() {
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> JsonCodec.of(CallEvent.class).decode(new byte[0]));
        assertTrue(e.getMessage().contains("CallEvent") && e.getMessage().contains("empty"), e.getMessage());
        e = assertThrows(MalformedEventException.class, () -> JsonCodec.of(Utterance.class).decode(null));
        assertTrue(e.getMessage().contains("Utterance"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "garbage",
        "{\"tenant\":\"t\",",
        "[1,2,3]",
        "{\"tenant\":\"t\",\"callId\":\"c\",\"type\":\"EXPLODED\"}",
        "\u0000\u0001\u0002",
        "CA\u0001\u0000",
    })
    void garbageIsMalformedWithTypeInMessage(String input) {
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> JsonCodec.of(CallEvent.class).decode(utf8(input)));
        assertTrue(e.getMessage().startsWith("not a valid CallEvent"), e.getMessage());
        assertTrue(e.getCause() != null);
    }

    @Test
    void missingRequiredFieldIsMalformedNotNullPointer() {
        // tenant is required by the record's constructor; the NPE must surface as a MalformedEventException.
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> JsonCodec.of(CallEvent.class).decode(utf8("{\"callId\":\"c\",\"type\":\"STARTED\"}")));
        assertTrue(e.getMessage().contains("CallEvent"), e.getMessage());
        assertThrows(MalformedEventException.class,
                () -> JsonCodec.of(Utterance.class).decode(utf8("{\"tenant\":\"t\",\"callId\":\"c\"}")));
    }

    @Test
    void jsonNullLiteralIsMalformedRatherThanNull() {
        // "null" parses as JSON, but it is no record: handing back null would only move the failure downstream.
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> JsonCodec.of(CallEvent.class).decode(utf8("null")));
        assertTrue(e.getMessage().contains("CallEvent"), e.getMessage());
    }
}
