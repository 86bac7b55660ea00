package io.callsight.asr.callprogress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.asr.noise.NoiseType;
import io.callsight.asr.noise.SyntheticSpeech;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Live person vs. voicemail vs. silence on speech-like signals ({@link SyntheticSpeech}: syllables and pauses with
 * speech's rhythm) with the answer signalled at the start; the MaryTTS voices are tested in the tts module.
 */
class AnsweringMachineDetectionTest {
    private static final CallProgressConfig.Amd AMD = CallProgressConfig.Amd.defaults();

    /** Speech-like audio of exactly {@code ms}, its first and last syllable at the ends. */
    private static float[] speech(int ms, long seed) {
        float[] s = SyntheticSpeech.generate(8000 * ms / 1000, 8000, 9000, seed);
        return s;
    }

    private static List<CallProgressEvent> answeredAtStart(float[] clean, double snr, long seed) {
        short[] pcm = Calls.line(clean, NoiseType.WHITE, snr, seed);
        CallProgressDetector detector = new CallProgressDetector();
        List<CallProgressEvent> events = new ArrayList<>(detector.answered());
        events.addAll(Calls.run(detector, pcm));
        return events;
    }

    @Test
    void aShortGreetingThenSilenceIsAPerson() {
        for (long seed = 1; seed <= 3; seed++) {
            for (double snr : new double[] {25, 10}) {
                float[] call = Calls.concat(Calls.silence(500), speech(700, seed), Calls.silence(4000));
                List<CallProgressEvent> events = answeredAtStart(call, snr, seed);
                CallProgressEvent.Status decision = Calls.decision(events);
                assertEquals(DialStatus.ANSWERED_HUMAN, decision.status(), events.toString());
                Evidence.Speech evidence = (Evidence.Speech) decision.evidence();
                assertTrue(evidence.greetingMs() > 100 && evidence.greetingMs() < 900, evidence.summary());
                // the silence after the last syllable the VAD heard, plus the tone mask's delay
                long heardEnd = evidence.firstSpeechMs() + evidence.greetingMs();
                long wait = decision.atMs() - heardEnd;
                assertTrue(wait >= AMD.humanSilenceMs() && wait <= AMD.humanSilenceMs() + 250, "waited " + wait + ": " + evidence.summary());
                assertTrue(decision.atMs() <= 1200 + AMD.humanSilenceMs() + 250, "decided at " + decision.atMs());
            }
        }
    }

    @Test
    void aLongGreetingIsAMachineAndTheMessageStartsAfterTheBeep() {
        for (long seed = 1; seed <= 3; seed++) {
            float[] greeting = speech(5000, seed);
            float[] call = Calls.concat(Calls.silence(400), greeting, Calls.silence(500), CallProgressTones.beep(1000, 400, -18),
                    Calls.silence(3000));
            List<CallProgressEvent> events = answeredAtStart(call, 20, seed);
            CallProgressEvent.Status decision = Calls.decision(events);
            assertEquals(DialStatus.ANSWERED_MACHINE, decision.status(), events.toString());
            assertTrue(decision.atMs() < 400 + AMD.machineGreetingMs() + 700, "decided at " + decision.atMs());
            CallProgressEvent.LeaveMessage cue = Calls.cue(events).orElseThrow(() -> new AssertionError(events.toString()));
            assertEquals(CallProgressEvent.CueReason.BEEP, cue.reason(), cue.toString());
            long beepEnd = 400 + 5000 + 500 + 400;
            assertTrue(cue.atMs() >= beepEnd && cue.atMs() <= beepEnd + 120, "cue at " + cue.atMs() + ", beep ended " + beepEnd);
            assertEquals(1000, cue.beep().orElseThrow().hz(), 3);
        }
    }

    @Test
    void withoutABeepTheMessageStartsAfterTheSilenceFallback() {
        float[] call = Calls.concat(Calls.silence(300), speech(4000, 8), Calls.silence(5000));
        List<CallProgressEvent> events = answeredAtStart(call, 20, 8);
        assertEquals(DialStatus.ANSWERED_MACHINE, Calls.decision(events).status());
        CallProgressEvent.LeaveMessage cue = Calls.cue(events).orElseThrow(() -> new AssertionError(events.toString()));
        assertEquals(CallProgressEvent.CueReason.SILENCE, cue.reason());
        long silenceFrom = 4300;
        long fallback = CallProgressConfig.defaults().voicemail().messageSilenceMs();
        assertTrue(cue.atMs() >= silenceFrom + fallback - 400 && cue.atMs() <= silenceFrom + fallback + 400, "cue at " + cue.atMs());
    }

    @Test
    void aBeepRightAfterAShortGreetingMakesItAMachine() {
        float[] call = Calls.concat(Calls.silence(300), speech(1000, 4), Calls.silence(400), CallProgressTones.beep(850, 300, -18),
                Calls.silence(4000));
        List<CallProgressEvent> events = answeredAtStart(call, 20, 4);
        CallProgressEvent.Status decision = Calls.decision(events);
        assertEquals(DialStatus.ANSWERED_MACHINE, decision.status(), events.toString());
        assertEquals("beep after a short greeting", ((Evidence.Speech) decision.evidence()).rule());
        assertEquals(CallProgressEvent.CueReason.BEEP, Calls.cue(events).orElseThrow().reason());
    }

    @Test
    void silenceAfterTheAnswerIsNoAnswerAfterTheNoSpeechTime() {
        List<CallProgressEvent> events = answeredAtStart(Calls.silence(8000), Double.POSITIVE_INFINITY, 1);
        CallProgressEvent.Status decision = Calls.decision(events);
        assertEquals(DialStatus.NO_ANSWER, decision.status());
        assertEquals(AMD.noSpeechMs(), decision.atMs(), 200);
        // line noise alone is silence too
        short[] noise = io.callsight.asr.noise.PhoneLine.atLevel(Calls.silence(8000), NoiseType.PINK, -45, 3, true);
        CallProgressDetector detector = new CallProgressDetector();
        detector.answered();
        assertEquals(DialStatus.NO_ANSWER, Calls.decision(Calls.run(detector, noise)).status());
    }

    @Test
    void withoutSignallingTheAnswerIsTheStartOfTheVoice() {
        float[] call = Calls.concat(Calls.silence(1500), speech(600, 2), Calls.silence(4000));
        List<CallProgressEvent> events = Calls.run(Calls.line(call, NoiseType.PINK, 20, 2));
        CallProgressEvent.Answer answer = Calls.answer(events).orElseThrow(() -> new AssertionError(events.toString()));
        assertEquals(AnswerSource.SOUND, answer.source());
        assertEquals(1500, answer.answeredAtMs(), 120);
        assertEquals(DialStatus.ANSWERED_HUMAN, Calls.decision(events).status());
    }

    @Test
    void aToneAtTheAnswerIsNotTakenForAVoice() {
        // a fax answer tone right after the answer: no voice, so no person and no greeting
        float[] call = Calls.concat(Calls.silence(600), CallProgressTones.answerTone(3000, -16, 0, false), Calls.silence(2000));
        List<CallProgressEvent> events = Calls.run(Calls.line(call, NoiseType.WHITE, 10, 6));
        assertTrue(Calls.answer(events).isEmpty(), events.toString());
        assertEquals(DialStatus.FAX, Calls.decision(events).status());
    }

    @Test
    void aHangUpDuringTheGreetingDecidesFromWhatWasHeard() {
        CallProgressDetector detector = new CallProgressDetector();
        detector.answered();
        short[] pcm = Calls.line(Calls.concat(Calls.silence(200), speech(900, 5)), NoiseType.WHITE, 25, 5);
        for (int i = 0; i + 160 <= pcm.length; i += 160) {
            assertTrue(detector.accept(pcm, i, 160).stream().noneMatch(e -> e instanceof CallProgressEvent.Status));
        }
        CallProgressEvent.Status decision = Calls.decision(detector.finish());
        assertEquals(DialStatus.ANSWERED_HUMAN, decision.status());
        assertEquals("call ended during the greeting", ((Evidence.Speech) decision.evidence()).rule());
    }
}
