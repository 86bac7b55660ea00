package io.callsight.asr.callprogress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.asr.noise.NoiseType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cadence corner cases: what must not be busy, where an answer hides in ringback, partial bursts. */
class CadenceEdgeCaseTest {
    private static final CallProgressConfig.Tones T = CallProgressConfig.Tones.defaults();
    private static final ToneSpec US_BUSY = TonePlan.northAmerica().tone(ToneKind.BUSY);
    private static final ToneSpec US_RING = TonePlan.northAmerica().tone(ToneKind.RINGBACK);
    private static final ToneSpec EU_RING = TonePlan.europe().tone(ToneKind.RINGBACK);

    private static List<CallProgressEvent> run(float[] clean) {
        return Calls.run(Calls.line(clean, NoiseType.WHITE, 20, 9));
    }

    private static boolean busy(List<CallProgressEvent> events) {
        return events.stream().anyMatch(e -> e instanceof CallProgressEvent.Status s && s.status() == DialStatus.BUSY);
    }

    @Test
    void busyFrequenciesWithTheWrongCadenceAreNotBusy() {
        ToneSpec slow = ToneSpec.of("480+620 at 1 s/1 s", ToneKind.BUSY, US_BUSY.hz(), 1000, 1000);
        assertFalse(busy(run(CallProgressTones.cadenced(slow, 8000, 0, -20, 0))));
        ToneSpec fastBursts = ToneSpec.of("480+620 at 0.1 s/0.1 s", ToneKind.BUSY, US_BUSY.hz(), 100, 100);
        assertFalse(busy(run(CallProgressTones.cadenced(fastBursts, 8000, 0, -20, 0))));
    }

    @Test
    void aSteady425HertzToneIsNeitherBusyNorRinging() {
        ToneSpec continuous = ToneSpec.of("425 Hz continuous", ToneKind.BUSY, EU_RING.hz(), 10_000, 10);
        List<CallProgressEvent> events = run(CallProgressTones.cadenced(continuous, 8000, 0, -20, 0));
        assertFalse(busy(events), events.toString());
    }

    @Test
    void europeanRingingIsNotBusyThoughBothAre425Hz() {
        List<CallProgressEvent> events = run(CallProgressTones.cadenced(EU_RING, 12_000, 0, -20, 0));
        assertFalse(busy(events), events.toString());
        CallProgressEvent.Status ringing = Calls.ringing(events).orElseThrow();
        // it has to outlast a busy burst (0.48 s + tolerance) before it can be ringing
        assertTrue(ringing.atMs() > 600 && ringing.atMs() < 1000, "RINGING at " + ringing.atMs());
    }

    @Test
    void oneBusyBurstIsNotBusy() {
        float[] audio = Calls.concat(Calls.silence(300), CallProgressTones.cadenced(US_BUSY, 500, 0, -20, 0), Calls.silence(5000));
        assertFalse(busy(run(audio)));
    }

    @Test
    void busyStartingInTheMiddleOfABurstIsStillBusyAndTheCutBurstIsNotMeasured() {
        List<CallProgressEvent> events = Calls.run(Calls.line(CallProgressTones.cadenced(US_BUSY, 6000, 300, -20, 0),
                NoiseType.PINK, 20, 4));
        CallProgressEvent.Status decision = Calls.decision(events);
        assertEquals(DialStatus.BUSY, decision.status());
        List<Long> cadence = ((Evidence.Tone) decision.evidence()).cadenceMs();
        // the audio starts 300 ms into a 500 ms burst: the 200 ms stub must not be the first "on"
        assertTrue(cadence.get(0) > 400, cadence.toString());
        assertTrue(decision.atMs() >= 1700, "decided at " + decision.atMs() + " from the cut burst");
    }

    @Test
    void ringbackCutShortIsAnAnswerAtTheCut() {
        // two US rings, the second cut after 1 s by the answer, then a silent line
        float[] audio = Calls.concat(CallProgressTones.cadenced(US_RING, 7000, 0, -20, 0), Calls.silence(8000));
        List<CallProgressEvent> events = run(audio);
        CallProgressEvent.Answer answer = Calls.answer(events).orElseThrow(() -> new AssertionError(events.toString()));
        assertEquals(AnswerSource.RINGBACK_CUT, answer.source());
        assertEquals(7000, answer.answeredAtMs(), 60);
        CallProgressEvent.Status decision = Calls.decision(events);
        assertEquals(DialStatus.NO_ANSWER, decision.status());
        assertEquals(7000 + CallProgressConfig.Amd.defaults().noSpeechMs(), decision.atMs(), 300);
    }

    @Test
    void ringbackThatStopsInAGapIsAnAnswerAtTheEndOfTheLastRing() {
        // one EU ring (1 s), answered 1.5 s into the gap; nothing more is heard
        float[] audio = Calls.concat(CallProgressTones.cadenced(EU_RING, 2500, 0, -20, 0), Calls.silence(8000));
        List<CallProgressEvent> events = run(audio);
        CallProgressEvent.Answer answer = Calls.answer(events).orElseThrow(() -> new AssertionError(events.toString()));
        assertEquals(AnswerSource.RINGBACK_STOPPED, answer.source());
        assertEquals(1000, answer.answeredAtMs(), 60);
        // known only when the next ring is overdue (4 s gap + 20 % + 80 ms after the ring)
        assertEquals(1000 + Cadence.maxMs(4000, T), answer.atMs(), 60);
        CallProgressEvent.Status decision = Calls.decision(events);
        assertEquals(DialStatus.NO_ANSWER, decision.status());
        assertTrue(decision.atMs() - 2500 <= 5000, "silence decided " + (decision.atMs() - 2500) + " ms after the answer");
    }

    @Test
    void reorderIsReportedAsBusyWithItsOwnName() {
        ToneSpec reorder = TonePlan.northAmerica().tone(ToneKind.CONGESTION);
        CallProgressEvent.Status decision = Calls.decision(run(CallProgressTones.cadenced(reorder, 4000, 0, -20, 0)));
        assertEquals(DialStatus.BUSY, decision.status());
        assertEquals("US reorder", ((Evidence.Tone) decision.evidence()).tone());
        assertEquals(ToneKind.CONGESTION, ((Evidence.Tone) decision.evidence()).kind());
    }

    @Test
    void ukDoubleRingMatchesAtEitherPhaseOfItsCycle() {
        ToneSpec uk = TonePlan.unitedKingdom().tone(ToneKind.RINGBACK);
        // measured bursts of a double ring: 0.4 on, 0.2 off, 0.4 on, 2.0 off, 0.4 on
        List<ToneBurst> bursts = List.of(new ToneBurst(0, 410, false), new ToneBurst(600, 1010, false),
                new ToneBurst(3000, 3400, false));
        assertFalse(Double.isNaN(Cadence.matchTail(uk, bursts, 3, T)));
        assertFalse(Double.isNaN(Cadence.matchTail(uk, bursts.subList(1, 3), 2, T)), "starting at the long gap");
        ToneSpec ukBusy = TonePlan.unitedKingdom().tone(ToneKind.BUSY);
        assertTrue(Double.isNaN(Cadence.matchTail(ukBusy, bursts, 3, T)), "a double ring is not engaged tone");
        List<ToneBurst> cut = List.of(new ToneBurst(0, 200, true), new ToneBurst(600, 1010, false));
        assertTrue(Double.isNaN(Cadence.matchTail(uk, cut, 2, T)), "a burst cut by the start of listening is not measured");
    }

    @Test
    void speechIsNeverBusyOrRinging() {
        for (long seed = 1; seed <= 4; seed++) {
            float[] speech = io.callsight.asr.noise.SyntheticSpeech.generate(8000 * 12, 8000, 9000, seed);
            List<CallProgressEvent> events = Calls.run(Calls.line(speech, NoiseType.WHITE, 20, seed));
            assertFalse(busy(events), events.toString());
            assertTrue(Calls.ringing(events).isEmpty(), events.toString());
            assertNotEquals(DialStatus.SIT, Calls.decision(events).status());
            assertNotEquals(DialStatus.FAX, Calls.decision(events).status());
        }
    }
}
