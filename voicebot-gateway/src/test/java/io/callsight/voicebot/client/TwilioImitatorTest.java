package io.callsight.voicebot.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The imitator's own side of the protocol, frame by frame, against a bare recording server. */
class TwilioImitatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void sendsConnectedStartThenPacedMediaOnOneSequenceCounterThenStop() throws Exception {
        byte[] clip = new byte[400];
        Arrays.fill(clip, (byte) 0x42);
        try (ScriptedBotServer bot = new ScriptedBotServer();
                TwilioImitator twilio = TwilioImitator.builder(URI.create(bot.uri())).apiKeyParameter("k")
                        .customParameter("botFlow", "f").firstTimestampMs(52).callerAudio(clip).connect()) {
            JsonNode connected = JSON.readTree(bot.next(WAIT));
            assertEquals(JSON.readTree("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}"),
                    connected);
            JsonNode start = JSON.readTree(bot.next(WAIT));
            assertEquals("start", start.get("event").asText());
            assertEquals("1", start.get("sequenceNumber").asText());
            String sid = start.get("streamSid").asText();
            assertTrue(sid.matches("MZ[0-9a-f]{32}"), sid);
            assertEquals(sid, start.get("start").get("streamSid").asText());
            assertTrue(start.get("start").get("callSid").asText().matches("CA[0-9a-f]{32}"));
            assertTrue(start.get("start").get("accountSid").asText().matches("AC[0-9a-f]{32}"));
            assertEquals("[\"inbound\"]", start.get("start").get("tracks").toString());
            assertEquals("{\"apiKey\":\"k\",\"botFlow\":\"f\"}", start.get("start").get("customParameters").toString());
            assertEquals("{\"encoding\":\"audio/x-mulaw\",\"sampleRate\":8000,\"channels\":1}",
                    start.get("start").get("mediaFormat").toString());

            long t0 = System.nanoTime();
            List<JsonNode> media = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                media.add(JSON.readTree(bot.next(WAIT)));
            }
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(elapsedMs >= 120, "10 chunks paced at 20 ms, not sent at once: " + elapsedMs + " ms");
            for (int i = 0; i < media.size(); i++) {
                JsonNode m = media.get(i);
                assertEquals("media", m.get("event").asText());
                assertEquals(Integer.toString(2 + i), m.get("sequenceNumber").asText());
                assertEquals("inbound", m.get("media").get("track").asText());
                assertEquals(Integer.toString(1 + i), m.get("media").get("chunk").asText());
                assertEquals(Integer.toString(52 + 20 * i), m.get("media").get("timestamp").asText());
                String payload = m.get("media").get("payload").asText();
                assertEquals(216, payload.length(), "160 bytes per message (§4.3)");
                byte[] audio = Base64.getDecoder().decode(payload);
                // 400 bytes of clip: two whole chunks, 80 bytes in the third, then the line's silence
                assertEquals(i < 3 ? (byte) 0x42 : (byte) 0xFF, audio[0], "chunk " + i);
                assertEquals(i < 2 ? (byte) 0x42 : (byte) 0xFF, audio[159], "chunk " + i);
                assertEquals(sid, m.get("streamSid").asText());
            }
            // the clip's last 80 bytes are padded with silence to a whole chunk
            byte[] third = Base64.getDecoder().decode(media.get(2).get("media").get("payload").asText());
            assertEquals((byte) 0x42, third[79]);
            assertEquals((byte) 0xFF, third[80]);

            twilio.dtmf('#');
            JsonNode dtmf = next(bot, "dtmf");
            assertEquals("inbound_track", dtmf.get("dtmf").get("track").asText());
            assertEquals("#", dtmf.get("dtmf").get("digit").asText());
            long dtmfSeq = dtmf.get("sequenceNumber").asLong();

            twilio.hangUp();
            JsonNode stop = next(bot, "stop");
            assertEquals(dtmfSeq + mediaSkipped + 1, stop.get("sequenceNumber").asLong(), "one counter for all");
            assertEquals(start.get("start").get("callSid"), stop.get("stop").get("callSid"));
            assertEquals(start.get("start").get("accountSid"), stop.get("stop").get("accountSid"));
            assertEquals(1000, twilio.awaitClose(WAIT));
        }
    }

    /** Frames skipped by the last {@link #next}: media in between, which share the sequence counter. */
    private int mediaSkipped;

    private JsonNode next(ScriptedBotServer bot, String event) throws Exception {
        mediaSkipped = 0;
        while (true) {
            JsonNode m = JSON.readTree(bot.next(WAIT));
            if (m.get("event").asText().equals(event)) {
                return m;
            }
            assertEquals("media", m.get("event").asText());
            mediaSkipped++;
        }
    }

    @Test
    void playsBotAudioInRealTimeEchoesMarksAndFlushesOnClear() throws Exception {
        try (ScriptedBotServer bot = new ScriptedBotServer();
                TwilioImitator twilio = TwilioImitator.builder(URI.create(bot.uri())).connect()) {
            bot.next(WAIT);
            String sid = JSON.readTree(bot.next(WAIT)).get("streamSid").asText();
            // nothing queued: the mark comes back at once (§9.1)
            bot.send(mark(sid, "empty"));
            assertEquals("empty", nextMark(bot).get("mark").get("name").asText());

            byte[] audio = new byte[4000];
            Arrays.fill(audio, (byte) 0x33);
            long sent = System.nanoTime();
            bot.send("{\"event\":\"media\",\"streamSid\":\"" + sid + "\",\"media\":{\"payload\":\""
                    + Base64.getEncoder().encodeToString(audio) + "\"}}");
            bot.send(mark(sid, "half-second"));
            assertEquals("half-second", nextMark(bot).get("mark").get("name").asText());
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
            assertTrue(tookMs >= 480 && tookMs < 800, "500 ms of audio played in " + tookMs + " ms");
            assertArrayEquals(audio, twilio.playedAudio());

            bot.send("{\"event\":\"media\",\"streamSid\":\"" + sid + "\",\"media\":{\"payload\":\""
                    + Base64.getEncoder().encodeToString(new byte[16000]) + "\"}}");
            bot.send(mark(sid, "a"));
            bot.send(mark(sid, "b"));
            Thread.sleep(300);
            bot.send("{\"event\":\"clear\",\"streamSid\":\"" + sid + "\"}");
            assertEquals("a", nextMark(bot).get("mark").get("name").asText());
            assertEquals("b", nextMark(bot).get("mark").get("name").asText());
            long played = twilio.playedAudio().length;
            assertTrue(played > 4000 + 1600 && played < 4000 + 4800, played + " bytes played");
            Thread.sleep(200);
            assertEquals(played, twilio.playedAudio().length, "nothing plays after a clear");
            assertTrue(twilio.echoedMarks().get(2).byClear());
            assertEquals(List.of(), twilio.errors());
        }
    }

    @Test
    void recordsEveryServerMessageTwilioWouldReject() throws Exception {
        try (ScriptedBotServer bot = new ScriptedBotServer();
                TwilioImitator twilio = TwilioImitator.builder(URI.create(bot.uri())).connect()) {
            bot.next(WAIT);
            String sid = JSON.readTree(bot.next(WAIT)).get("streamSid").asText();
            bot.send("{\"event\":\"media\",\"streamSid\":\"" + sid + "\",\"media\":{\"payload\":\"//8=\","
                    + "\"track\":\"outbound\"}}");
            bot.send("{\"event\":\"mark\",\"streamSid\":\"MZwrong\",\"mark\":{\"name\":\"x\"}}");
            bot.send("{\"event\":\"stop\",\"streamSid\":\"" + sid + "\"}");
            bot.send("not json");
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (twilio.errors().size() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(4, twilio.errors().size(), twilio.errors().toString());
            assertEquals(0, twilio.playedAudio().length, "a rejected media is not played");
            assertFalse(twilio.closed().isDone());
        }
    }

    private static String mark(String sid, String name) {
        return "{\"event\":\"mark\",\"streamSid\":\"" + sid + "\",\"mark\":{\"name\":\"" + name + "\"}}";
    }

    private static JsonNode nextMark(ScriptedBotServer bot) throws Exception {
        while (true) {
            JsonNode m = JSON.readTree(bot.next(WAIT));
            if (m.get("event").asText().equals("mark")) {
                return m;
            }
        }
    }
}
