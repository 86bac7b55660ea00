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
        assertTrue(t.due(250), "an unchanged text does not use up the interval");
        assertTrue(t.offer("hello there", 250));
        assertFalse(t.offer("hello there you", 449));
        assertTrue(t.offer("hello there you", 450));
        assertFalse(t.offer("", 1000), "nothing heard is not a partial");
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
