package io.callsight.voicebot.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.voicebot.TurnPlayback;
import io.callsight.voicebot.TurnPlayback.Outcome;
import io.callsight.voicebot.twilio.PlaybackQueue.Echo;
import io.callsight.voicebot.twilio.PlaybackQueue.EchoStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaybackQueueTest {
    private static final long T0 = Instant.parse("2025-01-01T10:00:00Z").toEpochMilli();
    private final PlaybackQueue q = new PlaybackQueue();

    /** Queues and sends at once, as a bot without a pacer would. */
    private void sendAudio(String turn, int bytes, long at) {
        assertTrue(q.audioQueued(turn, bytes));
        q.audioSent(turn, bytes, 0, at);
    }

    private void sendMark(String turn, String name) {
        assertTrue(q.markQueued(turn, name, false));
        q.markSent(name);
    }

    @Test
    void section82AGreetingPlaysAndItsMarkComesBack() {
        sendAudio("turn-1", 1600, T0);
        sendAudio("turn-1", 1600, T0);
        sendMark("turn-1", "turn-1:seg-1");
        assertTrue(q.isSpeaking());
        assertEquals(3200, q.lead(T0));
        assertEquals(1600, q.lead(T0 + 200));

        assertEquals(List.of(new Echo("turn-1:seg-1", EchoStatus.PLAYED, false)), q.markEchoed("turn-1:seg-1", T0 + 410));
        assertFalse(q.isSpeaking());
        assertEquals(3200, q.playedUpTo());
        TurnPlayback t = q.turn("turn-1").orElseThrow();
        assertEquals(Outcome.PLAYED, t.outcome());
        assertEquals(3200, t.bytesPlayed());
        assertEquals(Instant.ofEpochMilli(T0), t.firstAudioSentAt().orElseThrow());
    }

    /** §8.3: 3 s queued, marks after 1 s and 3 s; seg-1 echoed; the caller talks at ~1.6 s. */
    @Test
    void section83BargeInHearsAboutOnePointSixOfThreeSeconds() {
        sendAudio("turn-2", 8000, T0);
        sendMark("turn-2", "turn-2:seg-1");
        sendAudio("turn-2", 16000, T0);
        sendMark("turn-2", "turn-2:seg-2");
        assertEquals(EchoStatus.PLAYED, q.markEchoed("turn-2:seg-1", T0 + 1000).get(0).status());

        PlaybackQueue.ClearOutcome c = q.clear(T0 + 1600);
        assertEquals(12_800, c.heardOffset());
        TurnPlayback t = c.currentTurn().orElseThrow();
        assertEquals(Outcome.INTERRUPTED, t.outcome());
        assertEquals(1600, t.playedMs());
        assertEquals(3000, t.queuedMs());
        assertEquals(List.of(), c.releasedNow());
        assertFalse(q.isSpeaking(), "after a clear the bot is silent");
        assertEquals(0, q.bytesQueuedSinceClear());

        // Twilio returns the remaining marker at once: flushed, not played
        assertEquals(List.of(new Echo("turn-2:seg-2", EchoStatus.FLUSHED, false)), q.markEchoed("turn-2:seg-2",
                T0 + 1630));
        assertEquals(8000, q.playedUpTo(), "a flushed mark confirms nothing");
        assertEquals(1600, q.turn("turn-2").orElseThrow().playedMs());
    }

    @Test
    void theHeardPartIsCappedAtTheNextMarkNotEchoedYet() {
        sendAudio("turn-1", 8000, T0);
        sendMark("turn-1", "turn-1:seg-1");
        sendAudio("turn-1", 8000, T0);
        sendMark("turn-1", "turn-1:seg-2");
        // seg-1's echo is late (network): by the clock 1.5 s played, but playback cannot have passed seg-1 unechoed
        PlaybackQueue.ClearOutcome c = q.clear(T0 + 1500);
        assertEquals(8000, c.heardOffset());
        assertEquals(1000, c.currentTurn().orElseThrow().playedMs());
        // both come back flushed, in order
        assertEquals(List.of(new Echo("turn-1:seg-1", EchoStatus.FLUSHED, false)), q.markEchoed("turn-1:seg-1", T0 + 1510));
        assertEquals(List.of(new Echo("turn-1:seg-2", EchoStatus.FLUSHED, false)), q.markEchoed("turn-1:seg-2", T0 + 1511));
    }

    @Test
    void withoutAnyEchoPlaybackCountsFromTheFirstSend() {
        sendAudio("turn-1", 4000, T0 + 100);
        sendMark("turn-1", "turn-1:seg-1");
        assertEquals(2400, q.clear(T0 + 400).heardOffset());
    }

    @Test
    void audioSentToADryQueueStartsPlayingWhenItArrives() {
        sendAudio("turn-1", 800, T0);
        sendMark("turn-1", "turn-1:a");
        q.markEchoed("turn-1:a", T0 + 100);
        // five seconds of nothing, then the next turn: playback starts now, not 5 s in the past
        sendAudio("turn-2", 8000, T0 + 5100);
        assertEquals(8000, q.lead(T0 + 5100));
        assertEquals(4000, q.lead(T0 + 5600));
        sendMark("turn-2", "turn-2:a");
        assertEquals(800 + 4000, q.clear(T0 + 5600).heardOffset());
        assertEquals(500, q.turn("turn-2").orElseThrow().playedMs());
        assertEquals(Outcome.PLAYED, q.turn("turn-1").orElseThrow().outcome());
    }

    @Test
    void marksAfterAClearAreAFreshQueue() {
        sendAudio("turn-1", 8000, T0);
        sendMark("turn-1", "turn-1:seg-1");
        q.clear(T0 + 300);
        sendAudio("turn-2", 800, T0 + 320);
        sendMark("turn-2", "turn-2:seg-1");
        assertTrue(q.isSpeaking());
        assertEquals(EchoStatus.FLUSHED, q.markEchoed("turn-1:seg-1", T0 + 330).get(0).status());
        assertEquals(EchoStatus.PLAYED, q.markEchoed("turn-2:seg-1", T0 + 430).get(0).status());
        assertEquals(Outcome.PLAYED, q.turn("turn-2").orElseThrow().outcome());
        assertEquals(Outcome.INTERRUPTED, q.turn("turn-1").orElseThrow().outcome());
    }

    @Test
    void lateOrUnknownEchoesAreIgnored() {
        sendAudio("turn-1", 800, T0);
        sendMark("turn-1", "turn-1:seg-1");
        q.markEchoed("turn-1:seg-1", T0 + 100);
        assertEquals(EchoStatus.UNKNOWN, q.markEchoed("turn-1:seg-1", T0 + 200).get(0).status(), "echoed twice");
        assertEquals(EchoStatus.UNKNOWN, q.markEchoed("turn-0:seg-9", T0 + 200).get(0).status(), "never sent");
        assertEquals(800, q.playedUpTo());
    }

    @Test
    void aMarkHeldByThePacerCannotBeEchoed() {
        assertTrue(q.audioQueued("turn-1", 800));
        assertTrue(q.markQueued("turn-1", "turn-1:seg-1", false));
        assertEquals(EchoStatus.UNKNOWN, q.markEchoed("turn-1:seg-1", T0).get(0).status());
        assertTrue(q.isSpeaking());
    }

    @Test
    void passingAMarkPassesTheOnesBeforeIt() {
        sendAudio("turn-1", 800, T0);
        sendMark("turn-1", "turn-1:a");
        sendAudio("turn-1", 800, T0);
        sendMark("turn-1", "turn-1:b");
        List<Echo> e = q.markEchoed("turn-1:b", T0 + 200);
        assertEquals(List.of(new Echo("turn-1:a", EchoStatus.PLAYED, false), new Echo("turn-1:b", EchoStatus.PLAYED,
                false)), e);
    }

    @Test
    void unsentMarksOfAClearAreReportedAfterTheSentOnes() {
        sendAudio("turn-1", 800, T0);
        sendMark("turn-1", "turn-1:a");
        assertTrue(q.audioQueued("turn-1", 800));
        assertTrue(q.markQueued("turn-1", "turn-1:b", false));
        PlaybackQueue.ClearOutcome c = q.clear(T0 + 50);
        assertEquals(List.of(), c.releasedNow(), "turn-1:a is still to come back from Twilio");
        assertEquals(List.of(new Echo("turn-1:a", EchoStatus.FLUSHED, false), new Echo("turn-1:b", EchoStatus.FLUSHED,
                false)), q.markEchoed("turn-1:a", T0 + 60));

        assertTrue(q.audioQueued("turn-2", 800));
        assertTrue(q.markQueued("turn-2", "turn-2:a", false));
        assertEquals(List.of(new Echo("turn-2:a", EchoStatus.FLUSHED, false)), q.clear(T0 + 70).releasedNow(),
                "nothing sent ahead of it: reported at once");
        assertEquals(0, q.turn("turn-2").orElseThrow().bytesSent());
        assertEquals(Outcome.INTERRUPTED, q.turn("turn-2").orElseThrow().outcome());
    }

    @Test
    void markNamesAreUniquePerStream() {
        sendAudio("turn-1", 160, T0);
        sendMark("turn-1", "turn-1:seg-1");
        q.markEchoed("turn-1:seg-1", T0 + 20);
        assertThrows(IllegalArgumentException.class, () -> q.markQueued("turn-1", "turn-1:seg-1", false));
    }

    @Test
    void aNewTurnEndsTheOldOneAndAnInterruptedTurnTakesNoMoreAudio() {
        assertTrue(q.audioQueued("turn-1", 160));
        assertTrue(q.audioQueued("turn-2", 160));
        assertFalse(q.audioQueued("turn-1", 160), "turn-1 ended when turn-2 began");
        assertFalse(q.markQueued("turn-1", "turn-1:late", false));
        q.clear(T0);
        assertFalse(q.audioQueued("turn-2", 160), "turn-2 was cut off");
        assertTrue(q.audioQueued("turn-3", 160));
    }

    @Test
    void theEndOfTheCallInterruptsWhatWasNotConfirmed() {
        sendAudio("turn-1", 800, T0);
        sendMark("turn-1", "turn-1:a");
        q.markEchoed("turn-1:a", T0 + 100);
        sendAudio("turn-2", 8000, T0 + 200);
        sendMark("turn-2", "turn-2:a");
        q.callEnded();
        assertEquals(Outcome.PLAYED, q.turn("turn-1").orElseThrow().outcome());
        assertEquals(Outcome.INTERRUPTED, q.turn("turn-2").orElseThrow().outcome());
        assertFalse(q.isSpeaking());
    }

    @Test
    void paddingIsPlayedButBelongsToNoTurn() {
        assertTrue(q.audioQueued("turn-1", 100));
        q.audioSent("turn-1", 100, 60, T0);
        assertTrue(q.markQueued("turn-1", "turn-1:a", false));
        q.markSent("turn-1:a");
        assertEquals(160, q.totalSent());
        q.markEchoed("turn-1:a", T0 + 20);
        TurnPlayback t = q.turn("turn-1").orElseThrow();
        assertEquals(100, t.bytesSent());
        assertEquals(100, t.bytesPlayed());
        assertEquals(Outcome.PLAYED, t.outcome());
    }
}
