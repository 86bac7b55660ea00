package io.callsight.asr.callprogress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.asr.audio.G711;
import io.callsight.asr.noise.NoiseType;
import io.callsight.asr.noise.SyntheticSpeech;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CallProgressDetectorStreamingTest {
    /** Ringback, answered mid-ring, a long greeting, a beep: every kind of event. */
    private static short[] voicemailCall() {
        ToneSpec ring = TonePlan.northAmerica().tone(ToneKind.RINGBACK);
        float[] audio = Calls.concat(CallProgressTones.cadenced(ring, 7200, 0, -20, 0), Calls.silence(400),
                SyntheticSpeech.generate(8000 * 4, 8000, 9000, 11), Calls.silence(500), CallProgressTones.beep(1000, 400, -18),
                Calls.silence(3000));
        return Calls.line(audio, NoiseType.PINK, 20, 11);
    }

    @Test
    void anyChunkingGivesTheSameEvents() {
        short[] pcm = voicemailCall();
        List<CallProgressEvent> framed = Calls.run(pcm);
        CallProgressDetector whole = new CallProgressDetector();
        List<CallProgressEvent> inOne = new ArrayList<>(whole.accept(pcm));
        inOne.addAll(whole.finish());
        CallProgressDetector odd = new CallProgressDetector();
        List<CallProgressEvent> chunked = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < pcm.length; ) {
            int n = Math.min(pcm.length - i, 1 + r.nextInt(700));
            chunked.addAll(odd.accept(Arrays.copyOfRange(pcm, i, i + n)));
            i += n;
        }
        chunked.addAll(odd.finish());
        assertEquals(framed, inOne);
        assertEquals(framed, chunked);
        assertTrue(framed.stream().anyMatch(e -> e instanceof CallProgressEvent.Status s && s.status() == DialStatus.RINGING));
        assertTrue(framed.stream().anyMatch(e -> e instanceof CallProgressEvent.Answer));
        assertEquals(DialStatus.ANSWERED_MACHINE, Calls.decision(framed).status());
        assertTrue(Calls.cue(framed).isPresent());
    }

    @Test
    void muLawInputIsDecodedAsTheLineWould() {
        short[] pcm = voicemailCall(); // already through μ-law, so encoding again is lossless
        byte[] ulaw = G711.ulawEncode(pcm);
        CallProgressDetector detector = new CallProgressDetector();
        List<CallProgressEvent> events = new ArrayList<>();
        for (int i = 0; i < ulaw.length; i += 160) {
            events.addAll(detector.acceptUlaw(Arrays.copyOfRange(ulaw, i, Math.min(ulaw.length, i + 160))));
        }
        events.addAll(detector.finish());
        assertEquals(Calls.run(pcm), events);
    }

    @Test
    void oneFinalStatusAndNothingAfterDone() {
        List<CallProgressEvent> events = Calls.run(voicemailCall());
        assertEquals(1, events.stream().filter(e -> e instanceof CallProgressEvent.Status s && s.isFinal()).count());
        assertEquals(1, events.stream().filter(e -> e instanceof CallProgressEvent.LeaveMessage).count());
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i).atMs() >= events.get(i - 1).atMs(), "events in time order: " + events);
        }
        CallProgressDetector detector = new CallProgressDetector();
        Calls.run(detector, voicemailCall());
        assertTrue(detector.done());
        assertTrue(detector.finish().isEmpty(), "finish is idempotent");
        assertThrows(IllegalStateException.class, () -> detector.accept(new short[160]));
    }

    @Test
    void answeredIsIdempotentAndDatedAtTheAudioFedSoFar() {
        CallProgressDetector detector = new CallProgressDetector();
        detector.accept(new short[8000]);
        List<CallProgressEvent> first = detector.answered();
        assertEquals(List.of(new CallProgressEvent.Answer(1000, 1000, AnswerSource.SIGNALLED)), first);
        assertTrue(detector.answered().isEmpty());
        assertEquals(1000, detector.answeredAtMs().orElseThrow());
    }

    @Test
    void hostileInputNeitherThrowsNorDecidesAnythingButSilence() {
        short[] clipped = new short[8000 * 6];
        short[] dc = new short[8000 * 6];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < clipped.length; i++) {
            clipped[i] = r.nextBoolean() ? Short.MAX_VALUE : Short.MIN_VALUE;
            dc[i] = 12000;
        }
        for (short[] pcm : new short[][] {new short[8000 * 6], dc, clipped}) {
            CallProgressDetector detector = new CallProgressDetector();
            List<CallProgressEvent> events = Calls.run(detector, pcm);
            assertFalse(events.isEmpty());
            assertTrue(detector.decision().isPresent());
        }
        // DC is silence, not a tone
        CallProgressDetector detector = new CallProgressDetector();
        detector.answered();
        assertEquals(DialStatus.NO_ANSWER, Calls.decision(Calls.run(detector, dc)).status());
    }

    @Test
    void evidenceSummariesNameWhatWasMeasured() {
        CallProgressEvent.Status busy = Calls.decision(Calls.run(Calls.line(
                CallProgressTones.cadenced(TonePlan.europe().tone(ToneKind.BUSY), 4000, 0, -20, 0), NoiseType.WHITE, 20, 1)));
        assertTrue(busy.evidence().summary().startsWith("EU busy (425 Hz), measured on/off ["), busy.evidence().summary());
    }
}
