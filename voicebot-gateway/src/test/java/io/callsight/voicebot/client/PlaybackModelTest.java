package io.callsight.voicebot.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Twilio's playback queue of spec §6.2 on an exact clock. */
class PlaybackModelTest {
    private static final long MS = 1_000_000;
    private final PlaybackModel q = new PlaybackModel();

    @Test
    void playsAt8000BytesPerSecondAndEchoesAMarkWhenPlaybackPassesIt() {
        q.advance(0);
        q.enqueueAudio(new byte[1600], 0);
        q.enqueueAudio(new byte[1600], 0);
        assertEquals(List.of(), q.enqueueMark("turn-1:seg-1", 0));
        assertEquals(List.of(), q.advance(399 * MS));
        assertEquals(3192, q.playedBytes());
        assertEquals(List.of("turn-1:seg-1"), q.advance(400 * MS));
        assertTrue(q.idle());
        assertEquals(3200, q.playedBytes());
    }

    @Test
    void aMarkWithNothingQueuedAheadComesBackAtOnce() {
        assertEquals(List.of("m"), q.enqueueMark("m", 5 * MS));
        q.enqueueAudio(new byte[160], 10 * MS);
        q.advance(40 * MS);
        assertEquals(List.of("n"), q.enqueueMark("n", 40 * MS), "the 20 ms were played by then");
    }

    @Test
    void audioAfterAPauseStartsWhenItArrives() {
        q.enqueueAudio(new byte[800], 0);
        q.advance(1000 * MS);
        q.enqueueAudio(new byte[800], 5000 * MS);
        q.advance(5050 * MS);
        List<PlaybackModel.Played> p = q.played();
        assertEquals(5000 * MS, p.get(p.size() - 1).atNanos(), "not 100 ms, where the first audio ended");
        assertEquals(800 + 400, q.playedBytes());
    }

    @Test
    void clearDropsTheAudioAndReturnsEveryQueuedMarkInOrder() {
        q.enqueueAudio(new byte[8000], 0);
        q.enqueueMark("a", 0);
        q.enqueueAudio(new byte[16000], 0);
        q.enqueueMark("b", 0);
        q.enqueueMark("c", 0);
        assertEquals(List.of("a"), q.advance(1000 * MS));
        assertEquals(List.of("b", "c"), q.clear(1600 * MS));
        assertEquals(12_800, q.playedBytes(), "1.6 s heard of 3 s (§8.3)");
        assertEquals(0, q.queuedBytes());
        q.advance(3000 * MS);
        assertEquals(12_800, q.playedBytes(), "nothing plays after the clear");
        q.enqueueAudio(new byte[160], 3000 * MS);
        q.advance(3020 * MS);
        assertEquals(12_960, q.playedBytes(), "audio after clear plays without delay");
    }
}
