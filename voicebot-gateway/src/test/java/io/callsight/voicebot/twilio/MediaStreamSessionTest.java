package io.callsight.voicebot.twilio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.voicebot.Await;
import io.callsight.voicebot.BotCallHandler;
import io.callsight.voicebot.BotCallHandlerFactory;
import io.callsight.voicebot.CallEndReason;
import io.callsight.voicebot.FakeClock;
import io.callsight.voicebot.GatewayCounters;
import io.callsight.voicebot.GatewayCounters.Counter;
import io.callsight.voicebot.LogCapture;
import io.callsight.voicebot.RecordingHandler;
import io.callsight.voicebot.TurnPlayback;
import io.callsight.voicebot.Ulaw;
import io.callsight.voicebot.client.ServerMessage;
import io.callsight.voicebot.twilio.MediaStreamSession.State;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The state machine of spec §7 driven by hand: a fake clock, a recording socket, a recording bot. */
class MediaStreamSessionTest {
    private final FakeClock clock = new FakeClock();
    private final RecordingTransport transport = new RecordingTransport();
    private final GatewayCounters counters = new GatewayCounters();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicReference<RecordingHandler> bot = new AtomicReference<>();
    private BotCallHandlerFactory factory = (call, channel) -> {
        RecordingHandler h = new RecordingHandler(call, channel);
        bot.set(h);
        return h;
    };
    private StartAuthorizer authorizer = params -> StartAuthorizer.Decision.allow("acme");
    private MediaStreamSession session;

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private MediaStreamSession open() {
        session = new MediaStreamSession("c1", SessionSettings.DEFAULTS, transport, authorizer, factory, counters, clock,
                scheduler, new MediaStreamCodec());
        return session;
    }

    private MediaStreamSession streaming() {
        open();
        session.onText(Messages.connected());
        session.onText(Messages.start());
        assertEquals(State.STREAMING, session.state());
        return session;
    }

    // ------------------------------------------------------------------------------------------- states

    @Test
    void connectedThenStartThenStop() {
        open();
        assertEquals(State.CONNECTED, session.state());
        session.onText(Messages.connected());
        assertEquals(State.WAIT_START, session.state());
        assertNull(bot.get(), "no bot before start");
        session.onText(Messages.start());
        assertEquals(State.STREAMING, session.state());
        RecordingHandler h = bot.get();
        assertEquals("acme", h.call.tenantId());
        assertEquals(Messages.SID, h.call.streamSid());
        assertEquals(Messages.CALL, h.call.callSid());
        assertEquals(Messages.ACCOUNT, h.call.accountSid());
        assertEquals(Map.of("tenant", "acme", "botFlow", "billing-v3"), h.call.customParameters());
        assertEquals(clock.instant(), h.call.connectedAt());
        session.onText(Messages.stop(2));
        assertEquals(State.ENDED, session.state());
        assertEquals(List.of(CallEndReason.STOPPED), h.stops);
        assertEquals(0, transport.closeCode, "Twilio closes the socket after stop");
        assertTrue(transport.sent.isEmpty(), "nothing was ever sent");
    }

    @Test
    void startBeforeConnectedIsTolerated() {
        open();
        session.onText(Messages.start());
        assertEquals(State.STREAMING, session.state());
        session.onText(Messages.connected());
        assertEquals(State.STREAMING, session.state());
        assertEquals(0, counters.get(Counter.MESSAGES_OUT_OF_STATE));
        session.onText(Messages.connected());
        assertEquals(1, counters.get(Counter.MESSAGES_OUT_OF_STATE), "a second connected is one too many");
    }

    @Test
    void messagesBeforeStartAndASecondStartAreIgnored() {
        open();
        session.onText(Messages.connected());
        session.onText(Messages.media(2, 1, 0, Messages.voice(160)));
        session.onText(Messages.mark(3, "x:y"));
        session.onText(Messages.stop(4));
        assertEquals(State.WAIT_START, session.state());
        assertEquals(3, counters.get(Counter.MESSAGES_OUT_OF_STATE));
        session.onText(Messages.start());
        session.onText(Messages.start());
        assertEquals(State.STREAMING, session.state());
        assertEquals(4, counters.get(Counter.MESSAGES_OUT_OF_STATE));
        assertEquals(1, counters.get(Counter.CALLS_STARTED));
    }

    @Test
    void afterTheEndEverythingIsIgnored() {
        streaming();
        session.onText(Messages.stop(2));
        RecordingHandler h = bot.get();
        session.onText(Messages.media(3, 1, 0, Messages.voice(160)));
        session.onText("garbage");
        session.onSocketClosed(1000, "");
        assertTrue(h.audio.isEmpty());
        assertEquals(List.of(CallEndReason.STOPPED), h.stops, "onStop exactly once");
        assertEquals(0, counters.get(Counter.MESSAGES_MALFORMED));
        assertFalse(h.channel.play("turn-1", Messages.voice(160)), "nothing is sent after stop (§6.4)");
    }

    @Test
    void aSocketClosedWithoutStopEndsTheCall() {
        streaming();
        session.onSocketClosed(1006, "gone");
        assertEquals(List.of(CallEndReason.SOCKET_CLOSED), bot.get().stops);
        assertEquals(State.ENDED, session.state());
    }

    @Test
    void ifTwilioDoesNotCloseAfterStopTheGatewayDoes() {
        streaming();
        session.onText(Messages.stop(2));
        clock.advanceMs(1000);
        session.tick();
        assertEquals(0, transport.closeCode);
        clock.advanceMs(1000);
        session.tick();
        assertEquals(1000, transport.closeCode);
    }

    // ------------------------------------------------------------------------------------------- audio

    @Test
    void callerAudioIsPlacedByTimestampAndHolesAreFilledWithSilence() {
        streaming();
        byte[] a = Messages.voice(160);
        session.onText(Messages.media(2, 1, 52, a));
        session.onText(Messages.media(3, 2, 72, a));
        // Twilio dropped two chunks upstream (31930): 92 and 112 never come
        session.onText(Messages.media(4, 3, 132, a));
        List<RecordingHandler.Audio> got = bot.get().audio;
        assertEquals(4, got.size());
        assertEquals(52, got.get(0).offsetMs());
        assertEquals(72, got.get(1).offsetMs());
        assertEquals(92, got.get(2).offsetMs());
        assertArrayEquals(Ulaw.silence(320), got.get(2).ulaw());
        assertEquals(132, got.get(3).offsetMs());
        assertEquals(40, counters.get(Counter.MEDIA_FILLED_MS));
        assertEquals(152, bot.get().audioEndMs());
    }

    @Test
    void mediaOfAnotherStreamOrTrackIsIgnored() {
        streaming();
        session.onText(Messages.media(2, "MZ" + "0".repeat(32), "inbound", 1, 0, Messages.voice(160)));
        session.onText(Messages.media(2, Messages.SID, "outbound", 1, 0, Messages.voice(160)));
        session.onText(Messages.stop(3, "MZ" + "1".repeat(32)));
        assertTrue(bot.get().audio.isEmpty());
        assertEquals(2, counters.get(Counter.MESSAGES_FOREIGN_STREAM));
        assertEquals(1, counters.get(Counter.MEDIA_WRONG_TRACK));
        assertEquals(State.STREAMING, session.state(), "another stream's stop is not ours");
        session.onText(Messages.media(4, 1, 0, Messages.voice(160)));
        assertEquals(1, bot.get().audio.size());
    }

    @Test
    void sequenceGapsAndStepsBackAreCounted() {
        streaming();
        session.onText(Messages.media(2, 1, 0, Messages.voice(160)));
        session.onText(Messages.media(5, 2, 20, Messages.voice(160)));
        session.onText(Messages.dtmf(4, '1'));
        session.onText(Messages.media(6, 3, 40, Messages.voice(160)));
        assertEquals(1, counters.get(Counter.SEQUENCE_GAPS));
        assertEquals(2, counters.get(Counter.SEQUENCE_MISSING));
        assertEquals(1, counters.get(Counter.SEQUENCE_BEHIND));
        assertEquals(2, session.sequenceMissing());
        assertEquals(3, bot.get().audio.size(), "counted, not dropped");
        assertEquals(List.of('1'), bot.get().digits);
    }

    @Test
    void dtmfReachesTheBot() {
        streaming();
        for (char c : "12#*".toCharArray()) {
            session.onText(Messages.dtmf(2, c));
        }
        assertEquals(List.of('1', '2', '#', '*'), bot.get().digits);
    }

    // ----------------------------------------------------------------------------------------- bad input

    @Test
    void aMalformedMessageIsCountedAndTheStreamGoesOn() {
        streaming();
        try (LogCapture logs = new LogCapture()) {
            session.onText("{\"event\":\"media\",\"sequenceNumber\":2}");
            session.onText("not json");
            session.onText("x".repeat(70_000));
            session.onBinary(320);
            assertTrue(logs.all().contains("sequenceNumber must be a string of decimal digits"), logs.all());
        }
        assertEquals(3, counters.get(Counter.MESSAGES_MALFORMED));
        assertEquals(1, counters.get(Counter.BINARY_FRAMES));
        session.onText(Messages.media(2, 1, 0, Messages.voice(160)));
        assertEquals(1, bot.get().audio.size());
        assertEquals(State.STREAMING, session.state());
    }

    @Test
    void unknownEventsAreIgnoredAndLoggedOnce() {
        streaming();
        try (LogCapture logs = new LogCapture()) {
            session.onText("{\"event\":\"transcription\"}");
            session.onText("{\"event\":\"transcription\"}");
            session.onText("{\"event\":\"other\"}");
            assertEquals(1, logs.events().stream().filter(e -> e.contains("ignoring event")).count(), logs.all());
        }
        assertEquals(3, counters.get(Counter.EVENTS_UNKNOWN));
        assertEquals(State.STREAMING, session.state());
    }

    @Test
    void anotherMediaFormatClosesWith1003() {
        open();
        session.onText(Messages.start().replace("\"sampleRate\":8000", "\"sampleRate\":16000"));
        assertEquals(1003, transport.closeCode);
        assertEquals(State.ENDED, session.state());
        assertNull(bot.get());
    }

    @Test
    void aBotThrowingInACallbackDoesNotEndTheCall() {
        factory = (call, channel) -> new BotCallHandler() {
            @Override
            public void onCallerAudio(byte[] ulaw8k, long streamOffsetMs) {
                throw new IllegalStateException("bot bug");
            }

            @Override
            public void onStop(CallEndReason reason) {
            }
        };
        streaming();
        session.onText(Messages.media(2, 1, 0, Messages.voice(160)));
        session.onText(Messages.media(3, 2, 20, Messages.voice(160)));
        assertEquals(2, counters.get(Counter.HANDLER_ERRORS));
        assertEquals(State.STREAMING, session.state());
    }

    @Test
    void aBotThatCannotBeCreatedClosesWith1011() {
        factory = (call, channel) -> {
            throw new IllegalStateException("no flow for this tenant");
        };
        openAndStart();
        assertEquals(1011, transport.closeCode);
        assertEquals(State.ENDED, session.state());
    }

    private void openAndStart() {
        open();
        session.onText(Messages.connected());
        session.onText(Messages.start());
    }

    // -------------------------------------------------------------------------------------------- auth

    @Test
    void aStartRefusedByTheAuthorizerClosesWith1008AndNoBotIsMade() {
        authorizer = params -> StartAuthorizer.Decision.refuse("no apiKey");
        openAndStart();
        assertEquals(1008, transport.closeCode);
        assertEquals("policy violation", transport.closeReason);
        assertNull(bot.get());
        assertEquals(1, counters.get(Counter.CALLS_REFUSED));
        session.onText(Messages.media(2, 1, 0, Messages.voice(160)));
        assertNull(bot.get());
    }

    @Test
    void theApiKeyParameterNeverReachesTheBotOrTheLog() {
        String key = "csk_0123456789abcdef_" + "k".repeat(43);
        AtomicReference<Map<String, String>> seen = new AtomicReference<>();
        authorizer = params -> {
            seen.set(params);
            return StartAuthorizer.Decision.allow("acme");
        };
        try (LogCapture logs = new LogCapture()) {
            open();
            session.onText(Messages.connected());
            session.onText(Messages.start(1, "{\"apiKey\":\"" + key + "\",\"botFlow\":\"billing-v3\"}"));
            session.onText(Messages.start(1, "{\"apiKey\":\"" + key + "\"}"));
            session.onText("{\"event\":\"start\",\"start\":{\"customParameters\":{\"apiKey\":\"" + key + "\"}}}");
            assertFalse(logs.all().contains(key), logs.all());
            assertFalse(logs.all().contains("kkkkkkkk"), logs.all());
        }
        assertEquals(key, seen.get().get("apiKey"), "the authorizer sees it");
        assertEquals(Map.of("botFlow", "billing-v3"), bot.get().call.customParameters());
    }

    // -------------------------------------------------------------------------------------------- watchdog

    @Test
    void noStartWithinTenSecondsCloses() {
        open();
        session.onText(Messages.connected());
        clock.advanceMs(9_900);
        session.tick();
        assertEquals(0, transport.closeCode);
        clock.advanceMs(100);
        session.tick();
        assertEquals(1008, transport.closeCode);
        assertEquals(State.ENDED, session.state());
        assertEquals(1, counters.get(Counter.WATCHDOG_CLOSES));
    }

    @Test
    void noInboundMessageForTenSecondsWhileStreamingCloses() {
        streaming();
        for (int i = 0; i < 20; i++) {
            clock.advanceMs(900);
            session.onText(Messages.media(2 + i, 1 + i, 20L * i, Messages.voice(160)));
            session.tick();
        }
        assertEquals(State.STREAMING, session.state());
        clock.advanceMs(10_000);
        session.tick();
        assertEquals(1001, transport.closeCode);
        assertEquals(List.of(CallEndReason.INACTIVITY_TIMEOUT), bot.get().stops);
    }

    // --------------------------------------------------------------------------------------- the channel

    @Test
    void marksComeBackAsPlayedOrFlushed() throws Exception {
        streaming();
        RecordingHandler h = bot.get();
        assertTrue(h.channel.play("turn-1", Messages.voice(800)));
        assertTrue(h.channel.mark("turn-1", "seg-1"));
        assertTrue(h.channel.isSpeaking());
        assertThrows(IllegalArgumentException.class, () -> h.channel.mark("turn-1", "seg-1"));
        assertThrows(IllegalArgumentException.class, () -> h.channel.play("turn:1", Messages.voice(1)));
        session.onText(Messages.mark(2, "turn-1:seg-1"));
        assertEquals(List.of(new RecordingHandler.MarkEcho("turn-1:seg-1", false)), h.marks);
        assertFalse(h.channel.isSpeaking());

        assertTrue(h.channel.play("turn-2", Messages.voice(8000)));
        assertTrue(h.channel.mark("turn-2", "seg-1"));
        clock.advanceMs(200);
        TurnPlayback heard = h.channel.clear().orElseThrow();
        assertEquals("turn-2", heard.turnId());
        assertEquals(200, heard.playedMs());
        assertEquals(TurnPlayback.Outcome.INTERRUPTED, heard.outcome());
        assertEquals(2400, heard.bytesSent(), "only the lead was sent before the clear");
        assertInstanceOf(ServerMessage.Clear.class, transport.messages().get(transport.messages().size() - 1));
        // turn-2:seg-1 was never sent: reported flushed, on the scheduler, not inside clear()
        Await.until(() -> h.marks.size() == 2, "the unsent mark reported flushed");
        assertEquals(new RecordingHandler.MarkEcho("turn-2:seg-1", true), h.marks.get(1));
        assertFalse(h.channel.play("turn-2", Messages.voice(160)), "an interrupted turn takes no more audio");
        session.onText(Messages.mark(3, "turn-1:seg-1"));
        assertEquals(1, counters.get(Counter.MARKS_UNKNOWN), "a late echo of an old turn");
        assertEquals(2, h.marks.size());
    }

    @Test
    void hangUpWaitsForTheLastMarkThenClosesWith1000() {
        streaming();
        RecordingHandler h = bot.get();
        h.channel.play("turn-9", Messages.voice(1600));
        h.channel.mark("turn-9", "bye");
        h.channel.hangUp();
        assertFalse(h.channel.play("turn-10", Messages.voice(160)), "nothing after hang-up");
        assertEquals(0, transport.closeCode);
        List<ServerMessage> m = transport.messages();
        assertEquals(new ServerMessage.Mark("hangup"), m.get(m.size() - 1));
        session.onText(Messages.mark(2, "turn-9:bye"));
        assertEquals(0, transport.closeCode);
        session.onText(Messages.mark(3, "hangup"));
        assertEquals(1000, transport.closeCode);
        assertEquals(List.of(CallEndReason.BOT_HANG_UP), h.stops);
        assertEquals(List.of(new RecordingHandler.MarkEcho("turn-9:bye", false)), h.marks,
                "the gateway's own mark is not the bot's business");
        assertEquals(TurnPlayback.Outcome.PLAYED, h.channel.turn("turn-9").orElseThrow().outcome());
    }

    @Test
    void hangUpWithNothingPlayingClosesAtOnce() throws Exception {
        streaming();
        bot.get().channel.hangUp();
        scheduler.submit(() -> { }).get(1, TimeUnit.SECONDS);
        synchronized (session) {
            assertEquals(1000, transport.closeCode);
            assertEquals(List.of(CallEndReason.BOT_HANG_UP), bot.get().stops);
        }
    }

    @Test
    void hangUpClosesEvenIfTheLastMarkNeverComesBack() {
        streaming();
        RecordingHandler h = bot.get();
        h.channel.play("turn-1", Messages.voice(1600));
        h.channel.hangUp();
        for (int i = 0; i < 60 && transport.closeCode == 0; i++) {
            clock.advanceMs(100);
            session.onText(Messages.media(2 + i, 1 + i, 20L * i, Messages.voice(160)));
            session.tick();
        }
        assertEquals(1000, transport.closeCode);
        assertEquals(List.of(CallEndReason.BOT_HANG_UP), h.stops);
    }

    @Test
    void aClearDuringHangUpCutsTheGoodbyeAndCloses() throws Exception {
        streaming();
        RecordingHandler h = bot.get();
        h.channel.play("turn-1", Messages.voice(16_000));
        h.channel.hangUp();
        h.channel.clear();
        scheduler.submit(() -> { }).get(1, TimeUnit.SECONDS);
        synchronized (session) {
            assertEquals(1000, transport.closeCode);
        }
    }

    @Test
    void theGatewayShuttingDownTellsTheBot() {
        streaming();
        session.shutdown();
        assertEquals(1001, transport.closeCode);
        assertEquals(List.of(CallEndReason.SERVER_SHUTDOWN), bot.get().stops);
    }
}
