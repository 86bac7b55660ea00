package io.callsight.voicebot.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callsight.tenants.Role;
import io.callsight.tenants.TenantRegistry;
import io.callsight.tenants.auth.ApiKeys;
import io.callsight.tenants.auth.IssuedApiKey;
import io.callsight.voicebot.Await;
import io.callsight.voicebot.BotCallHandler;
import io.callsight.voicebot.BotCallHandlerFactory;
import io.callsight.voicebot.CallEndReason;
import io.callsight.voicebot.EchoBot;
import io.callsight.voicebot.GatewayCounters.Counter;
import io.callsight.voicebot.LogCapture;
import io.callsight.voicebot.RecordingHandler;
import io.callsight.voicebot.TestTenants;
import io.callsight.voicebot.TurnPlayback;
import io.callsight.voicebot.Ulaw;
import io.callsight.voicebot.client.TwilioImitator;
import io.callsight.voicebot.twilio.Messages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real gateway on a free port and the Twilio imitator over real WebSockets; a tenant registry in memory. */
class GatewayServerTest {
    private static final ApiKeys KEYS = new ApiKeys();
    private static final IssuedApiKey ACME_INGEST = KEYS.create("acme", Role.INGEST);
    private static final IssuedApiKey ACME_QA = KEYS.create("acme", Role.QA);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final byte[] PROMPT = EchoBot.prompt(4_800); // 600 ms

    /** What each test's bot should be; the factory reads it at start. */
    private static volatile BotCallHandlerFactory bots;
    private static final AtomicInteger created = new AtomicInteger();
    private static final List<RecordingHandler> handlers = new CopyOnWriteArrayList<>();
    private static GatewayServer server;
    private static GatewayServer headerOnly;

    @BeforeAll
    static void start() throws Exception {
        TenantRegistry registry = TestTenants.acme(ACME_INGEST, ACME_QA);
        BotCallHandlerFactory counting = (call, channel) -> {
            created.incrementAndGet();
            BotCallHandler h = bots.create(call, channel);
            if (h instanceof RecordingHandler r) {
                handlers.add(r);
            }
            return h;
        };
        GatewayServer.Config config = GatewayServer.Config.defaults(0).withHost("127.0.0.1")
                .withAuthFailureDelay(Duration.ofMillis(50));
        server = GatewayServer.start(config, () -> registry, counting);
        headerOnly = GatewayServer.start(config.withKeyInStartAllowed(false), () -> registry, counting);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (headerOnly != null) {
            headerOnly.close();
        }
    }

    @BeforeEach
    void echoBotByDefault() {
        bots = (call, channel) -> new EchoBot(call, channel, PROMPT, 1600, 1, false);
        handlers.clear();
    }

    private static URI uri(GatewayServer s) {
        return URI.create("ws://127.0.0.1:" + s.port() + GatewayServer.PATH);
    }

    private static RecordingHandler awaitHandler() throws InterruptedException {
        Await.until(() -> !handlers.isEmpty(), "the bot to be created");
        return handlers.get(0);
    }

    private static int handshakeStatus(TwilioImitator.Builder b) {
        try {
            b.connect().close();
            return 101;
        } catch (CompletionException e) {
            assertInstanceOf(WebSocketHandshakeException.class, e.getCause(), e.toString());
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }

    // ------------------------------------------------------------------------------------------- auth

    @Test
    void aHeaderKeyOpensTheStreamAndTheEchoBotTalksBack() throws Exception {
        try (LogCapture logs = new LogCapture();
                TwilioImitator twilio = TwilioImitator.builder(uri(server)).apiKeyHeader(ACME_INGEST.key())
                        .customParameter("botFlow", "billing-v3").firstTimestampMs(52)
                        .callerAudio(Messages.voice(4000)).connect()) {
            EchoBot bot = (EchoBot) awaitHandler();
            assertEquals("acme", bot.call.tenantId());
            assertEquals(twilio.streamSid(), bot.call.streamSid());
            assertEquals(twilio.callSid(), bot.call.callSid());
            assertEquals(Map.of("botFlow", "billing-v3"), bot.call.customParameters());

            // the bot answers 200 ms after the caller stops: 600 ms in 3 segments, a mark after each
            twilio.awaitEcho("turn-1:seg-3", Duration.ofSeconds(5));
            Await.until(() -> bot.marks.size() == 3, "the bot to hear its three marks");
            assertEquals(List.of(new RecordingHandler.MarkEcho("turn-1:seg-1", false),
                    new RecordingHandler.MarkEcho("turn-1:seg-2", false),
                    new RecordingHandler.MarkEcho("turn-1:seg-3", false)), bot.marks);
            assertArrayEquals(PROMPT, twilio.playedAudio(), "the caller heard exactly the prompt");
            TurnPlayback turn = bot.channel.turn("turn-1").orElseThrow();
            assertEquals(TurnPlayback.Outcome.PLAYED, turn.outcome());
            assertEquals(PROMPT.length, turn.bytesPlayed());
            assertFalse(bot.channel.isSpeaking());

            // caller audio arrives placed on Twilio's timeline, continuous from the first timestamp
            assertEquals(52, bot.audio.get(0).offsetMs());
            byte[] heard = bot.callerAudio();
            assertArrayEquals(Messages.voice(4000), Arrays.copyOf(heard, 4000));
            long end = bot.audioEndMs();
            assertEquals(52 + heard.length / 8, end);
            assertEquals(List.of(), twilio.errors());
            // the imitator speaks the protocol as the gateway reads it: one counter, nothing malformed or misplaced
            for (Counter c : List.of(Counter.MESSAGES_MALFORMED, Counter.SEQUENCE_GAPS, Counter.SEQUENCE_BEHIND,
                    Counter.MESSAGES_OUT_OF_STATE, Counter.MARKS_UNKNOWN, Counter.MEDIA_DROPPED)) {
                assertEquals(0, server.counters().get(c), c.key());
            }

            twilio.hangUp().get(5, TimeUnit.SECONDS);
            Await.until(() -> !bot.stops.isEmpty(), "onStop");
            assertEquals(List.of(CallEndReason.STOPPED), bot.stops);
            assertFalse(logs.all().contains(ACME_INGEST.key()), "the key is never logged");
        }
    }

    @Test
    void noHeaderOnAHeaderOnlyGatewayIs401() {
        int before = created.get();
        assertEquals(401, handshakeStatus(TwilioImitator.builder(uri(headerOnly))));
        assertEquals(401, handshakeStatus(TwilioImitator.builder(uri(headerOnly)).apiKeyParameter(ACME_INGEST.key())));
        assertEquals(before, created.get());
        assertTrue(headerOnly.counters().get(Counter.UPGRADES_REFUSED_401) >= 2);
    }

    @Test
    void aWrongKeyIs401AndAnotherRoleIs403() {
        String wrong = ACME_INGEST.key().substring(0, ACME_INGEST.key().length() - 4) + "AAAA";
        try (LogCapture logs = new LogCapture()) {
            assertEquals(401, handshakeStatus(TwilioImitator.builder(uri(server)).apiKeyHeader(wrong)));
            assertEquals(401, handshakeStatus(TwilioImitator.builder(uri(server)).apiKeyHeader("not-a-key")));
            assertEquals(403, handshakeStatus(TwilioImitator.builder(uri(server)).apiKeyHeader(ACME_QA.key())));
            assertEquals(403, handshakeStatus(TwilioImitator.builder(uri(headerOnly)).apiKeyHeader(ACME_QA.key())));
            assertTrue(logs.all().contains(ACME_QA.stored().id()), "the key id is named in the log");
            assertFalse(logs.all().contains(ACME_QA.key()), logs.all());
            assertFalse(logs.all().contains(wrong), logs.all());
        }
        assertTrue(server.counters().get(Counter.UPGRADES_REFUSED_403) >= 1);
        assertTrue(handlers.isEmpty());
    }

    @Test
    void aKeyInCustomParametersOpensTheStreamAndIsNotHandedToTheBot() throws Exception {
        try (LogCapture logs = new LogCapture();
                TwilioImitator twilio = TwilioImitator.builder(uri(server)).apiKeyParameter(ACME_INGEST.key())
                        .customParameter("botFlow", "billing-v3").connect()) {
            RecordingHandler bot = awaitHandler();
            assertEquals("acme", bot.call.tenantId());
            assertEquals(Map.of("botFlow", "billing-v3"), bot.call.customParameters());
            twilio.say(Messages.voice(1600));
            twilio.awaitEcho("turn-1:seg-1", Duration.ofSeconds(5));
            assertEquals(List.of(), twilio.errors());
            assertFalse(logs.all().contains(ACME_INGEST.key()), logs.all());
        }
    }

    @Test
    void aBadKeyInCustomParametersIsClosed1008BeforeAnyBotExists() throws Exception {
        int before = created.get();
        String wrong = ACME_INGEST.key().substring(0, ACME_INGEST.key().length() - 4) + "AAAA";
        for (TwilioImitator.Builder b : List.of(TwilioImitator.builder(uri(server)),
                TwilioImitator.builder(uri(server)).apiKeyParameter(wrong),
                TwilioImitator.builder(uri(server)).apiKeyParameter(ACME_QA.key()),
                TwilioImitator.builder(uri(server)).apiKeyParameter(""))) {
            try (LogCapture logs = new LogCapture();
                    TwilioImitator twilio = b.callerAudio(Messages.voice(800)).connect()) {
                assertEquals(1008, twilio.awaitClose(Duration.ofSeconds(5)));
                assertFalse(logs.all().contains(wrong) || logs.all().contains(ACME_QA.key()), logs.all());
            }
        }
        assertEquals(before, created.get(), "no bot was created");
        assertTrue(server.counters().get(Counter.CALLS_REFUSED) >= 4);
    }

    // ------------------------------------------------------------------------------------------ barge-in

    @Test
    void aClearMidPromptStopsThePlaybackAndReturnsTheMarksAsFlushed() throws Exception {
        byte[] prompt = EchoBot.prompt(24_000); // 3 s
        bots = (call, channel) -> new EchoBot(call, channel, prompt, 4000, 1, true);
        try (TwilioImitator twilio = TwilioImitator.builder(uri(server)).apiKeyHeader(ACME_INGEST.key())
                .callerAudio(Messages.voice(2400)).connect()) {
            EchoBot bot = (EchoBot) awaitHandler();
            twilio.sayDuringBotAudio(Duration.ofMillis(700), Messages.voice(3200))
                    .get(10, TimeUnit.SECONDS);
            Await.until(() -> !twilio.clearsReceived().isEmpty(), "the clear");
            Await.until(() -> bot.marks.size() == 6, "all six marks back");
            Thread.sleep(300);

            // seg-1 (500 ms) was played; the rest came back flushed, in order
            assertEquals(new RecordingHandler.MarkEcho("turn-1:seg-1", false), bot.marks.get(0));
            for (int i = 1; i < 6; i++) {
                assertEquals(new RecordingHandler.MarkEcho("turn-1:seg-" + (i + 1), true), bot.marks.get(i));
            }
            // Twilio played seg-1; whatever later marks the pacer had sent when the clear came, Twilio flushed
            for (TwilioImitator.EchoedMark e : twilio.echoedMarks()) {
                assertEquals(!e.name().equals("turn-1:seg-1"), e.byClear(), e.toString());
            }
            // the caller heard ~0.7 s of the 3 s, and nothing after the clear
            long playedMs = Ulaw.millis(twilio.playedAudio().length);
            assertTrue(playedMs >= 650 && playedMs < 1200, playedMs + " ms played");
            assertArrayEquals(Arrays.copyOf(prompt, twilio.playedAudio().length), twilio.playedAudio());
            assertEquals(0, twilio.queuedBytes());
            TurnPlayback heard = bot.clears.get(0);
            assertEquals(TurnPlayback.Outcome.INTERRUPTED, heard.outcome());
            assertTrue(Math.abs(heard.playedMs() - playedMs) < 150, "bot thinks " + heard.playedMs()
                    + " ms were heard, the caller heard " + playedMs);
            assertTrue(heard.bytesSent() < prompt.length, "audio not sent was never sent");
            assertEquals(List.of(), twilio.errors());
        }
    }

    @Test
    void theBotHangsUpAfterItsLastMarkWith1000() throws Exception {
        bots = (call, channel) -> new RecordingHandler(call, channel) {
            @Override
            public void onCallerAudio(byte[] ulaw8k, long streamOffsetMs) {
                super.onCallerAudio(ulaw8k, streamOffsetMs);
                if (audio.size() == 5) {
                    channel.play("goodbye", EchoBot.prompt(4000));
                    channel.mark("goodbye", "end");
                    channel.hangUp();
                }
            }
        };
        try (TwilioImitator twilio = TwilioImitator.builder(uri(server)).apiKeyHeader(ACME_INGEST.key()).connect()) {
            RecordingHandler bot = awaitHandler();
            assertEquals(1000, twilio.awaitClose(Duration.ofSeconds(5)));
            assertEquals(4000, twilio.playedAudio().length, "the goodbye played out before the close");
            Await.until(() -> !bot.stops.isEmpty(), "onStop");
            assertEquals(List.of(CallEndReason.BOT_HANG_UP), bot.stops);
            assertEquals(List.of(new RecordingHandler.MarkEcho("goodbye:end", false)), bot.marks);
            assertEquals(List.of(), twilio.errors());
        }
    }

    // -------------------------------------------------------------------------------------- measurements

    @Test
    void endOfCallerSpeechToFirstBotAudioIsMeasurable() throws Exception {
        try (TwilioImitator twilio = TwilioImitator.builder(uri(server)).apiKeyHeader(ACME_INGEST.key()).connect()) {
            EchoBot bot = (EchoBot) awaitHandler();
            TwilioImitator.Speech said = twilio.say(Messages.voice(2400))
                    .get(5, TimeUnit.SECONDS);
            CompletableFuture<TwilioImitator.Speech> reply = twilio.sayWhenBotFinishes(
                    Messages.voice(800));
            twilio.awaitEcho("turn-1:seg-1", Duration.ofSeconds(5));
            long firstAudio = twilio.firstPlayedAfter(said.endNanos()).orElseThrow();
            long latencyMs = TimeUnit.NANOSECONDS.toMillis(firstAudio - said.endNanos());
            long botMs = TimeUnit.NANOSECONDS.toMillis(bot.answeredAtNanos - said.endNanos());
            // the bot waits for 200 ms of silence; the gateway adds only the network and one 20 ms tick
            assertTrue(latencyMs >= 190 && latencyMs < 600, latencyMs + " ms end of speech → first bot audio");
            assertTrue(latencyMs - botMs < 100, "gateway share " + (latencyMs - botMs) + " ms");
            // the caller's next clip waits for the end of the 600 ms prompt
            long replyAt = reply.get(5, TimeUnit.SECONDS).startNanos();
            assertTrue(replyAt >= firstAudio + TimeUnit.MILLISECONDS.toNanos(600), "the caller spoke over the prompt");
            assertTrue(replyAt < firstAudio + TimeUnit.MILLISECONDS.toNanos(800), "the caller waited too long");
        }
    }

    @Test
    void droppedAudioArrivesAsSilenceOnAContinuousTimeline() throws Exception {
        bots = RecordingHandler::new;
        try (TwilioImitator twilio = TwilioImitator.builder(uri(server)).apiKeyHeader(ACME_INGEST.key())
                .firstTimestampMs(40).connect()) {
            RecordingHandler bot = awaitHandler();
            Await.until(() -> bot.audio.size() >= 5, "some audio");
            twilio.dropAudio(Duration.ofMillis(100));
            Await.until(() -> bot.audio.size() >= 15, "more audio");
            long expected = 40;
            for (RecordingHandler.Audio a : bot.audio) {
                assertEquals(expected, a.offsetMs(), "continuous");
                expected += a.ulaw().length / 8;
            }
            assertTrue(server.counters().get(Counter.MEDIA_FILLED_MS) >= 100);
        }
    }

    @Test
    void healthAnswersJsonWithSessionsAndCounters() throws Exception {
        try (TwilioImitator twilio = TwilioImitator.builder(uri(server)).apiKeyHeader(ACME_INGEST.key()).connect()) {
            awaitHandler();
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
            JsonNode h = new ObjectMapper().readTree(r.body());
            assertEquals("ok", h.get("status").asText());
            assertTrue(h.get("sessionsOpen").asInt() >= 1);
            for (String k : List.of("calls.started", "messages.malformed", "sequence.gaps", "marks.sent",
                    "clears.sent")) {
                assertTrue(h.get("counters").has(k), k + " in " + h);
            }
            HttpResponse<String> missing = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.port() + "/nothing")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, missing.statusCode());
        }
    }
}
