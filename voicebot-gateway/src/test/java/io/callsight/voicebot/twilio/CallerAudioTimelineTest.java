package io.callsight.voicebot.twilio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.voicebot.Ulaw;
import io.callsight.voicebot.twilio.CallerAudioTimeline.Placement;
import org.junit.jupiter.api.Test;

class CallerAudioTimelineTest {
    private final CallerAudioTimeline t = new CallerAudioTimeline(10_000);

    @Test
    void theStreamStartsAtTheFirstTimestampAndRunsOn() {
        Placement first = t.place(52, Messages.voice(160));
        assertEquals(1, first.pieces().size());
        assertEquals(52, first.pieces().get(0).offsetMs());
        Placement second = t.place(72, Messages.voice(160));
        assertEquals(72, second.pieces().get(0).offsetMs());
        assertEquals(92, t.endMs());
    }

    @Test
    void aTimestampJumpIsFilledWithSilence() {
        t.place(0, Messages.voice(160));
        Placement p = t.place(80, Messages.voice(160));
        assertEquals(2, p.pieces().size());
        assertTrue(p.pieces().get(0).filled());
        assertEquals(20, p.pieces().get(0).offsetMs());
        assertArrayEquals(Ulaw.silence(480), p.pieces().get(0).audio());
        assertEquals(80, p.pieces().get(1).offsetMs());
        assertEquals(480, p.filledBytes());
    }

    @Test
    void aOneMillisecondJumpIsAHoleToo() {
        t.place(0, Messages.voice(160));
        assertEquals(8, t.place(21, Messages.voice(160)).filledBytes());
    }

    @Test
    void lessThanAMillisecondOffIsOnTime() {
        t.place(0, Messages.voice(100)); // 12.5 ms
        Placement p = t.place(12, Messages.voice(100));
        assertEquals(0, p.filledBytes());
        assertEquals(0, p.trimmedBytes());
        assertEquals(100, p.pieces().get(0).audio().length);
    }

    @Test
    void audioGoingBackInTimeIsTrimmedOrDropped() {
        t.place(0, Messages.voice(160));
        t.place(20, Messages.voice(160));
        Placement repeat = t.place(20, Messages.voice(160));
        assertTrue(repeat.dropped());
        assertFalse(repeat.tooFarAhead());
        Placement overlap = t.place(30, Messages.voice(160));
        assertEquals(80, overlap.trimmedBytes());
        assertEquals(40, overlap.pieces().get(0).offsetMs());
        assertEquals(80, overlap.pieces().get(0).audio().length);
    }

    @Test
    void aJumpBeyondTheFillLimitIsNotBelieved() {
        t.place(0, Messages.voice(160));
        Placement p = t.place(3_600_000, Messages.voice(160));
        assertTrue(p.dropped());
        assertTrue(p.tooFarAhead());
        assertEquals(20, t.endMs(), "the timeline stays where it was");
        assertEquals(20, t.place(20, Messages.voice(160)).pieces().get(0).offsetMs());
    }
}
