package io.callsight.voicebot.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.tenants.Role;
import io.callsight.tenants.auth.ApiKeys;
import io.callsight.tenants.auth.IssuedApiKey;
import io.callsight.voicebot.Await;
import io.callsight.voicebot.CallEndReason;
import io.callsight.voicebot.EchoBot;
import io.callsight.voicebot.GatewayCounters.Counter;
import io.callsight.voicebot.LogCapture;
import io.callsight.voicebot.RecordingHandler;
import io.callsight.voicebot.TestTenants;
import io.callsight.voicebot.client.TwilioImitator;
import io.callsight.voicebot.twilio.MessageFuzzer;
import io.callsight.voicebot.twilio.Messages;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Seeded hostile frames thrown at a live session over a real WebSocket, while the imitator keeps streaming. */
class GatewayFuzzTest {
    private static final long SEED = 20_250_101L;
    private static final IssuedApiKey KEY = new ApiKeys().create("acme", Role.INGEST);

    @Test
    void theServerAndTheSessionSurviveHostileFrames() throws Exception {
        List<RecordingHandler> bots = new CopyOnWriteArrayList<>();
        try (GatewayServer server = GatewayServer.start(GatewayServer.Config.defaults(0).withHost("127.0.0.1"),
                () -> TestTenants.acme(KEY), (call, channel) -> {
                    RecordingHandler h = new RecordingHandler(call, channel);
                    bots.add(h);
                    return h;
                });
                LogCapture logs = new LogCapture()) {
            URI uri = URI.create("ws://127.0.0.1:" + server.port() + GatewayServer.PATH);
            try (TwilioImitator twilio = TwilioImitator.builder(uri).apiKeyHeader(KEY.key()).connect()) {
                Await.until(() -> !bots.isEmpty() && bots.get(0).audioEndMs() >= 1200, "1.2 s of caller audio");
                RecordingHandler bot = bots.get(0);
                MessageFuzzer fuzz = new MessageFuzzer(SEED, twilio.streamSid());
                for (int i = 0; i < 1500; i++) {
                    twilio.sendRaw(fuzz.next());
                }
                int audioAfterFuzz = bot.audio.size();
                long endAfterFuzz = bot.audioEndMs();

                // still the same call: key presses, caller audio and the bot's playback all work
                twilio.dtmf('7');
                Await.until(() -> bot.digits.contains('7'), "the key press after the fuzz");
                Await.until(() -> bot.audio.size() > audioAfterFuzz + 10, "caller audio after the fuzz");
                assertTrue(bot.audioEndMs() > endAfterFuzz);
                assertTrue(bot.channel.play("turn-1", EchoBot.prompt(1600)));
                assertTrue(bot.channel.mark("turn-1", "seg-1"));
                twilio.awaitEcho("turn-1:seg-1", Duration.ofSeconds(5));
                Await.until(() -> bot.marks.contains(new RecordingHandler.MarkEcho("turn-1:seg-1", false)), "the mark");
                assertEquals(List.of(), twilio.errors(), "the server never wrote an invalid message");
                assertFalse(twilio.closed().isDone(), "the socket is still open");
                assertTrue(bot.stops.isEmpty());
                assertTrue(server.counters().get(Counter.MESSAGES_MALFORMED) > 400,
                        server.counters().snapshot().toString());

                // and the server takes new calls
                try (TwilioImitator second = TwilioImitator.builder(uri).apiKeyHeader(KEY.key())
                        .callerAudio(Messages.voice(800)).connect()) {
                    Await.until(() -> bots.size() == 2, "a second call");
                    assertEquals(2, server.sessionsOpen());
                }
                twilio.hangUp().get(5, TimeUnit.SECONDS);
                Await.until(() -> !bot.stops.isEmpty(), "the end of the call");
                assertEquals(List.of(CallEndReason.STOPPED), bot.stops);
            }
            assertFalse(logs.all().contains("FUZZSECRET"), "a key in a hostile start reached the log");
            assertFalse(logs.all().contains(KEY.key()));
        }
    }
}
