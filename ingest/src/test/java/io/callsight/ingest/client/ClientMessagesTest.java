package io.callsight.ingest.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientMessagesTest {
    private static final UUID SESSION = UUID.fromString("6a1f3c2e-9b4d-4e7a-8c15-2d9e0f7b3a61");
    private static final UUID ORG = UUID.fromString("0e5d2c8b-7f41-4a96-b3d2-5c8e1a9f6b07");

    private static JsonNode json(String s) throws Exception {
        return ClientMessages.JSON.readTree(s);
    }

    @Test
    void openCarriesTheEnvelopeAndTheSoftswitchOffersInPreferenceOrder() throws Exception {
        UUID conversation = UUID.randomUUID();
        UUID participant = UUID.randomUUID();
        JsonNode m = json(new ClientMessages(SESSION).envelope("open", 1, 0, 0, ClientMessages.open(ORG, conversation,
                new ClientMessages.Participant(participant, "+15550142", "Ada", "+18005550199"), Media.SOFTSWITCH_OFFERS,
                "en-US", true, Map.of("campaign", "retention"))));
        assertEquals("2", m.get("version").asText());
        assertEquals(SESSION.toString(), m.get("id").asText());
        assertEquals("open", m.get("type").asText());
        assertEquals(1, m.get("seq").asLong());
        assertEquals(0, m.get("serverseq").asLong());
        assertEquals("PT0S", m.get("position").asText());
        JsonNode p = m.get("parameters");
        assertEquals(ORG.toString(), p.get("organizationId").asText());
        assertEquals(conversation.toString(), p.get("conversationId").asText());
        assertEquals("+15550142", p.at("/participant/ani").asText());
        assertEquals(List.of("id", "ani", "aniName", "dnis"), iterate(p.get("participant").fieldNames()));
        assertEquals(3, p.get("media").size());
        assertEquals(json("{\"type\":\"audio\",\"format\":\"PCMU\",\"channels\":[\"external\",\"internal\"],\"rate\":8000}"),
                p.get("media").get(0));
        assertEquals("external", p.at("/media/1/channels/0").asText());
        assertEquals("internal", p.at("/media/2/channels/0").asText());
        assertEquals("en-US", p.get("language").asText());
        assertTrue(p.get("supportedLanguages").asBoolean());
        assertEquals("retention", p.at("/customConfig/campaign").asText());
    }

    private static List<String> iterate(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void emptyParametersAreAnObjectAndOptionalOnesAreLeftOut() throws Exception {
        JsonNode m = json(new ClientMessages(SESSION).envelope("paused", 4, 5, 116_800, ClientMessages.empty()));
        assertTrue(m.get("parameters").isObject());
        assertEquals(0, m.get("parameters").size());
        assertEquals("PT14.6S", m.get("position").asText());
        JsonNode open = ClientMessages.open(ORG, ClientMessages.NIL, new ClientMessages.Participant(ClientMessages.NIL,
                "", "", ""), Media.SOFTSWITCH_OFFERS, null, false, Map.of());
        assertFalse(open.has("language"));
        assertFalse(open.has("supportedLanguages"));
        assertFalse(open.has("customConfig"));
        assertEquals(0, ClientMessages.ping(null).size());
        assertEquals("PT0.038S", ClientMessages.ping(Duration.ofMillis(38)).get("rtt").asText());
    }

    @Test
    void resumedDiscardedCloseAndErrorParameters() {
        JsonNode resumed = ClientMessages.gap(116_800, 94_400);
        assertEquals("PT14.6S", resumed.get("start").asText());
        assertEquals("PT11.8S", resumed.get("discarded").asText());
        assertEquals("end", ClientMessages.close("end").get("reason").asText());
        JsonNode error = ClientMessages.error(408, "no pong");
        assertEquals(408, error.get("code").asInt());
        assertEquals("no pong", error.get("message").asText());
    }

    @Test
    void durationsAreWrittenWithoutExponentsAndReadLikeTheSpecsPattern() {
        assertEquals("PT0S", StreamDuration.ofSamples(0));
        assertEquals("PT0.02S", StreamDuration.ofSamples(160));
        assertEquals("PT0.000125S", StreamDuration.ofSamples(1));
        assertEquals("PT100S", StreamDuration.ofSamples(800_000));
        assertEquals("PT1.5S", StreamDuration.of(Duration.ofMillis(1500)));
        assertEquals(Duration.ofMillis(500), StreamDuration.parse("PT.5S"));
        assertEquals(Duration.ofNanos(125_000), StreamDuration.parse("PT0.000125S"));
        assertEquals(Duration.ofSeconds(12), StreamDuration.parse("PT12S"));
        for (String bad : List.of("PT1M5S", "PT1E-3S", "-PT1S", "PT5.S", "PTS", "P1D", "")) {
            assertThrows(IllegalArgumentException.class, () -> StreamDuration.parse(bad), bad);
        }
    }

    @Test
    void framesInterleaveTheSelectedChannelsInTheirOrder(@TempDir Path dir) throws Exception {
        ReplayAudio audio = new ReplayAudio("x", new byte[] {1, 2, 3, 4, 5}, new byte[] {11, 12, 13, 14, 15});
        assertEquals(3, audio.frames(2));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {3, 13, 4, 14},
                audio.frame(1, 2, List.of("external", "internal")));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {13, 3, 14, 4},
                audio.frame(1, 2, List.of("internal", "external")));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {5}, audio.frame(2, 2, List.of("external")));

        Path wav = dir.resolve("mono.wav");
        io.callsight.asr.audio.WavFile.write(wav, 16000, io.callsight.events.AudioCodec.L16, new short[3200]);
        ReplayAudio mono = ReplayAudio.read(wav);
        assertEquals(200, mono.durationMs(), "16 kHz resampled to 8 kHz");
        assertEquals((byte) 0xFF, mono.frame(0, 160, List.of("internal"))[0], "a mono recording's agent side is silent");
        Files.writeString(dir.resolve("bad.wav"), "not a wav");
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> ReplayAudio.read(dir.resolve("bad.wav")));
        assertTrue(e.getMessage().startsWith(dir.resolve("bad.wav").toString()), e.getMessage());
    }
}
