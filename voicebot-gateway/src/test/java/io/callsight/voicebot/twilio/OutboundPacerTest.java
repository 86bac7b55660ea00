package io.callsight.voicebot.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.voicebot.FakeClock;
import io.callsight.voicebot.GatewayCounters;
import io.callsight.voicebot.Ulaw;
import io.callsight.voicebot.client.ServerMessage;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pacer on a fake clock: the test moves time and pumps; the real scheduler's wake-ups see the same clock. */
class OutboundPacerTest {
    private final FakeClock clock = new FakeClock();
    private final PlaybackQueue playback = new PlaybackQueue();
    private final RecordingTransport transport = new RecordingTransport();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Object lock = new Object();
    private final OutboundPacer pacer = new OutboundPacer(lock, Messages.SID, playback, transport,
            new MediaStreamCodec(), scheduler, clock, new GatewayCounters(), 800, 300);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private void queue(String turn, byte[] audio) {
        synchronized (lock) {
            assertTrue(playback.audioQueued(turn, audio.length));
            pacer.queueAudio(turn, audio);
        }
    }

    private void mark(String turn, String name) {
        synchronized (lock) {
            assertTrue(playback.markQueued(turn, name, false));
            pacer.queueMark(name);
        }
    }

    private long now() {
        return clock.millis();
    }

    /** Real time passing as the scheduler would see it: a pump every 10 ms. */
    private void runFor(long ms) {
        for (long t = 0; t < ms; t += 10) {
            clock.advanceMs(10);
            pacer.pump();
        }
    }

    @Test
    void neverMoreThanTheLeadAheadOfRealTime() {
        queue("turn-1", Messages.voice(24_000));
        mark("turn-1", "turn-1:end");
        // the first 300 ms go out at once: no wait for the first audio
        assertEquals(2400, transport.mediaBytes());
        for (int ms = 0; ms < 3500; ms += 10) {
            clock.advanceMs(10);
            pacer.pump();
            synchronized (lock) {
                assertTrue(playback.lead(now()) <= 2400, "lead " + playback.lead(now()) + " at " + ms + " ms");
                long sent = playback.totalSent();
                assertTrue(sent <= Math.min(24_000, (ms + 10) * 8L + 2400), sent + " sent at " + ms + " ms");
                if (sent < 24_000) {
                    assertTrue(sent >= (ms + 10) * 8L, "playback starved at " + ms + " ms");
                }
            }
        }
        List<ServerMessage> m = transport.messages();
        for (int i = 0; i < m.size() - 1; i++) {
            int n = ((ServerMessage.Media) m.get(i)).audio().length;
            assertEquals(800, n, "message " + i);
        }
        assertEquals(new ServerMessage.Mark("turn-1:end"), m.get(m.size() - 1), "the mark follows all its audio");
        assertEquals(24_000, transport.mediaBytes());
    }

    @Test
    void onARealClockTheSchedulersWakeUpsSendEverything() throws Exception {
        OutboundPacer real = new OutboundPacer(lock, Messages.SID, playback, transport, new MediaStreamCodec(),
                scheduler, java.time.Clock.systemUTC(), new GatewayCounters(), 800, 300);
        synchronized (lock) {
            assertTrue(playback.audioQueued("turn-1", 6400));
            real.queueAudio("turn-1", Messages.voice(6400));
            assertTrue(playback.markQueued("turn-1", "turn-1:end", false));
            real.queueMark("turn-1:end");
        }
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (transport.sent.size() < 9 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(6400, transport.mediaBytes());
        assertEquals(new ServerMessage.Mark("turn-1:end"), transport.messages().get(8));
    }

    @Test
    void theMarkWaitsForTheAudioBeforeIt() {
        queue("turn-1", Messages.voice(8000));
        mark("turn-1", "turn-1:seg-1");
        assertTrue(transport.messages().stream().noneMatch(m -> m instanceof ServerMessage.Mark));
        runFor(600);
        assertTrue(transport.messages().stream().noneMatch(m -> m instanceof ServerMessage.Mark));
        runFor(200);
        List<ServerMessage> m = transport.messages();
        assertInstanceOf(ServerMessage.Mark.class, m.get(m.size() - 1));
        assertEquals(8000, transport.mediaBytes());
    }

    @Test
    void aSegmentsTailIsPaddedToAWholeFrame() {
        queue("turn-1", Messages.voice(1000));
        mark("turn-1", "turn-1:seg-1");
        List<ServerMessage> m = transport.messages();
        assertEquals(3, m.size());
        assertEquals(800, ((ServerMessage.Media) m.get(0)).audio().length);
        byte[] tail = ((ServerMessage.Media) m.get(1)).audio();
        assertEquals(320, tail.length);
        for (int i = 200; i < 320; i++) {
            assertEquals(Ulaw.SILENCE, tail[i]);
        }
        assertEquals(new ServerMessage.Mark("turn-1:seg-1"), m.get(2));
        synchronized (lock) {
            assertEquals(1000, playback.turn("turn-1").orElseThrow().bytesSent(), "padding is not the bot's audio");
            assertEquals(1120, playback.totalSent());
        }
    }

    @Test
    void aNewTurnStartsANewMessage() {
        byte[] first = Messages.voice(300);
        queue("turn-1", first);
        // one whole frame went out at once; the 140 bytes left wait for more of turn-1
        assertEquals(1, transport.sent.size());
        queue("turn-2", Messages.voice(300));
        List<ServerMessage> m = transport.messages();
        byte[] tail = ((ServerMessage.Media) m.get(1)).audio();
        assertEquals(160, tail.length);
        assertEquals(first[299], tail[139]);
        assertEquals(Ulaw.SILENCE, tail[140], "turn-1's tail is padded, not topped up with turn-2");
        assertEquals(first[0], ((ServerMessage.Media) m.get(2)).audio()[0]);
    }

    @Test
    void audioSynthesisedJustInTimeGoesOutInWholeFramesWithoutWaitingForAFullMessage() {
        // a synthesiser delivering 100-byte pieces at real-time speed (12.5 ms each)
        for (int i = 0; i < 80; i++) {
            queue("turn-1", Messages.voice(100));
            clock.advanceMs(i % 2 == 0 ? 12 : 13);
            pacer.pump();
        }
        long sent;
        synchronized (lock) {
            sent = playback.totalSent();
        }
        assertTrue(sent >= 8000 - 2 * 160 - 160, sent + " of 8000 sent: the pacer held audio back");
        for (ServerMessage m : transport.messages()) {
            assertEquals(0, ((ServerMessage.Media) m).audio().length % 160);
        }
    }

    @Test
    void aFragmentIsPaddedOnlyOncePlaybackRanDry() {
        queue("turn-1", Messages.voice(100));
        assertEquals(1, transport.sent.size(), "nothing was playing: padded and sent");
        queue("turn-1", Messages.voice(100));
        assertEquals(1, transport.sent.size(), "160 bytes still playing: the fragment waits for more");
        clock.advanceMs(20);
        pacer.pump();
        assertEquals(2, transport.sent.size());
    }

    @Test
    void clearDropsWhatWasNotSentAndSendsClear() {
        queue("turn-1", Messages.voice(24_000));
        mark("turn-1", "turn-1:end");
        clock.advanceMs(1000);
        pacer.pump();
        pacer.clear();
        long sentAtClear = transport.mediaBytes();
        assertTrue(sentAtClear <= 8000 + 2400, sentAtClear + " bytes were out of the bot's hands");
        clock.advanceMs(5000);
        pacer.pump();
        List<ServerMessage> m = transport.messages();
        assertInstanceOf(ServerMessage.Clear.class, m.get(m.size() - 1));
        assertEquals(sentAtClear, transport.mediaBytes());
        assertTrue(m.stream().noneMatch(x -> x instanceof ServerMessage.Mark));
    }

    @Test
    void nothingIsSentAfterStop() {
        queue("turn-1", Messages.voice(24_000));
        int before = transport.sent.size();
        pacer.stop();
        clock.advanceMs(3000);
        pacer.pump();
        pacer.queueAudio("turn-1", Messages.voice(800));
        pacer.clear();
        assertEquals(before, transport.sent.size());
    }
}
