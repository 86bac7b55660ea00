package io.callsight.asr.recognition;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PartialThrottleTest {

    @Test
    void publishesOnlyChangedTextAndAtMostOncePerInterval() {
        PartialThrottle t = new PartialThrottle(200);
        assertTrue(t.due(0));
        assertTrue(t.offer("hello", 0), "the first partial goes at once");
        assertFalse(t.due(199));
        assertFalse(t.offer("hello there", 199), "too soon");
        assertTrue(t.due(200));
        assertFalse(t.offer("hello", 200), "same text again");
        assertFalse(t.due(250), "a fetch that brought nothing new is not repeated at once");
        assertTrue(t.due(260), "an unchanged text does not use up the interval, only the recheck pause");
        assertTrue(t.offer("hello there", 260));
        assertFalse(t.offer("hello there you", 459));
        assertTrue(t.offer("hello there you", 460));
        assertFalse(t.offer("", 1000), "nothing heard is not a partial");
    }

    @Test
    void silenceIsFetchedOncePerRecheckPauseNotOnEveryFrame() {
        PartialThrottle t = new PartialThrottle(200);
        int fetches = 0;
        for (long now = 0; now < 1000; now += 20) { // a second of 20 ms frames in which nothing is heard
            if (t.due(now)) {
                fetches++;
                assertFalse(t.offer("", now));
            }
        }
        assertTrue(fetches <= 1000 / PartialThrottle.RECHECK_MS + 1, fetches + " fetches in a second of silence");
        assertTrue(t.due(1000 + PartialThrottle.RECHECK_MS));
        assertTrue(t.offer("hello", 1000 + PartialThrottle.RECHECK_MS), "the first word still goes at once");
    }

    @Test
    void aNewUtteranceMayRepeatTheLastTextButNotTheRate() {
        PartialThrottle t = new PartialThrottle(200);
        assertTrue(t.offer("yes", 0));
        t.utteranceEnded();
        assertFalse(t.offer("yes", 100), "the interval still runs");
        assertTrue(t.offer("yes", 200), "same words, but a new utterance");
    }

    @Test
    void aClockThatGoesBackDoesNotBlockPartialsForever() {
        PartialThrottle t = new PartialThrottle(200);
        assertTrue(t.offer("a", 10_000));
        assertTrue(t.offer("a b", 5_000));
    }

    @Test
    void offNeverLetsOneThroughAndTheIntervalMustBePositive() {
        PartialThrottle off = PartialThrottle.off();
        assertFalse(off.due(0));
        assertFalse(off.offer("hello", 0));
        assertThrows(IllegalArgumentException.class, () -> new PartialThrottle(0));
    }
}
