package io.callsight.voicebot.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.voicebot.FakeClock;
import io.callsight.voicebot.GatewayCounters;
import io.callsight.voicebot.GatewayCounters.Counter;
import io.callsight.voicebot.LogCapture;
import io.callsight.voicebot.RecordingHandler;
import io.callsight.voicebot.client.ServerMessage;
import io.callsight.voicebot.twilio.MediaStreamSession.State;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Seeded fuzzing of one session without a network: many hostile frames, valid traffic in between. */
class SessionFuzzTest {
    private static final long SEED = 0x7711_2025L;

    @Test
    void aSessionSurvivesTwentyThousandHostileFramesAndKeepsWorking() {
        FakeClock clock = new FakeClock();
        RecordingTransport transport = new RecordingTransport();
        GatewayCounters counters = new GatewayCounters();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        AtomicReference<RecordingHandler> bot = new AtomicReference<>();
        MediaStreamSession session = new MediaStreamSession("fuzz", SessionSettings.DEFAULTS, transport,
                params -> StartAuthorizer.Decision.allow("acme"), (call, channel) -> {
                    RecordingHandler h = new RecordingHandler(call, channel);
                    bot.set(h);
                    return h;
                }, counters, clock, scheduler, new MediaStreamCodec());
        MessageFuzzer fuzz = new MessageFuzzer(SEED, Messages.SID);
        try (LogCapture logs = new LogCapture()) {
            session.onText(Messages.connected());
            session.onText(Messages.start());
            RecordingHandler h = bot.get();
            long seq = 2;
            for (int round = 0; round < 200; round++) {
                for (int i = 0; i < 100; i++) {
                    session.onText(fuzz.next());
                }
                // valid traffic continues where the caller audio so far ends
                long at = Math.max(0, h.audioEndMs());
                int before = h.audio.size();
                session.onText(Messages.media(seq++, round + 1, at, Messages.voice(160)));
                assertEquals(State.STREAMING, session.state(), "round " + round);
                assertEquals(before + 1, h.audio.size(), "round " + round + ": valid media after hostile frames");
                assertEquals(at, h.audio.get(h.audio.size() - 1).offsetMs());
                clock.advanceMs(20);
                session.tick();
            }
            // the bot can still speak, and everything the session ever wrote is a valid §5 message
            assertTrue(h.channel.play("turn-1", Messages.voice(800)));
            assertTrue(h.channel.mark("turn-1", "seg-1"));
            session.onText(Messages.mark(seq, "turn-1:seg-1"));
            assertTrue(h.marks.contains(new RecordingHandler.MarkEcho("turn-1:seg-1", false)), h.marks.toString());
            for (ServerMessage m : transport.messages()) {
                assertTrue(m instanceof ServerMessage.Media || m instanceof ServerMessage.Mark, m.toString());
            }
            assertEquals(0, transport.closeCode);
            assertTrue(counters.get(Counter.MESSAGES_MALFORMED) > 5_000, counters.snapshot().toString());
            assertTrue(counters.get(Counter.EVENTS_UNKNOWN) > 100);
            assertEquals(0, counters.get(Counter.HANDLER_ERRORS));
            assertFalse(logs.all().contains("FUZZSECRET"), "a key in a hostile start reached the log");
        } finally {
            scheduler.shutdownNow();
        }
    }
}
