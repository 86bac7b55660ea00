package io.callsight.voicebot.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.callsight.voicebot.twilio.SequenceTracker.Verdict;
import org.junit.jupiter.api.Test;

class SequenceTrackerTest {
    @Test
    void countsGapsTheNumbersTheySkipAndStepsBack() {
        SequenceTracker s = new SequenceTracker();
        s.start(1);
        assertEquals(Verdict.IN_ORDER, s.observe(2));
        assertEquals(Verdict.GAP, s.observe(5));
        assertEquals(Verdict.BEHIND, s.observe(4));
        assertEquals(Verdict.BEHIND, s.observe(5));
        assertEquals(Verdict.IN_ORDER, s.observe(6), "a late message does not move the counter back");
        assertEquals(1, s.gaps());
        assertEquals(2, s.missing());
        assertEquals(2, s.behind());
    }
}
