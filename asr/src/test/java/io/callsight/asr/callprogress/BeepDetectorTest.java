package io.callsight.asr.callprogress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.asr.noise.NoiseType;
import io.callsight.asr.noise.SyntheticSpeech;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BeepDetectorTest {
    private static List<Beep> beeps(short[] pcm) {
        ToneAnalyzer analyzer = new ToneAnalyzer(TonePlan.defaults(), CallProgressConfig.Tones.defaults());
        BeepDetector detector = new BeepDetector(BeepDetector.Config.defaults());
        List<Beep> out = new ArrayList<>();
        for (int i = 0; i + 160 <= pcm.length; i += 160) {
            detector.accept(analyzer.analyze(pcm, i)).ifPresent(out::add);
        }
        return out;
    }

    private static short[] afterSpeech(float[] beep, double snr, long seed) {
        float[] speech = SyntheticSpeech.generate(8000 * 3, 8000, 8000, seed);
        return Calls.line(Calls.concat(speech, Calls.silence(400), beep, Calls.silence(1000)), NoiseType.WHITE, snr, seed);
    }

    @Test
    void aBeepAfterSpeechIsFoundWithItsEndWithinFortyMilliseconds() {
        for (double hz : new double[] {440, 1000, 1400, 1800}) {
            for (double snr : new double[] {20, 10}) {
                List<Beep> found = beeps(afterSpeech(CallProgressTones.beep(hz, 300, -20), snr, (long) hz));
                assertEquals(1, found.size(), hz + " Hz at " + snr + " dB: " + found);
                Beep beep = found.get(0);
                assertEquals(hz, beep.hz(), 3, beep.toString());
                assertEquals(3000 + 400 + 300, beep.endMs(), 40, beep.toString());
                assertEquals(300, beep.durationMs(), 60, beep.toString());
            }
        }
    }

    @Test
    void tooShortOrOutOfBandTonesAreNoBeeps() {
        assertTrue(beeps(afterSpeech(CallProgressTones.beep(1000, 100, -20), 20, 1)).isEmpty(), "100 ms");
        assertTrue(beeps(afterSpeech(CallProgressTones.beep(2500, 400, -20), 20, 2)).isEmpty(), "2500 Hz");
        assertTrue(beeps(afterSpeech(CallProgressTones.beep(300, 400, -20), 20, 3)).isEmpty(), "300 Hz");
    }

    @Test
    void aTwoToneBeepIsOneBeep() {
        float[] twoTone = Calls.concat(CallProgressTones.beep(1000, 200, -20), CallProgressTones.beep(1400, 200, -20));
        List<Beep> found = beeps(afterSpeech(twoTone, 20, 5));
        assertEquals(1, found.size(), found.toString());
        assertEquals(3000 + 400 + 400, found.get(0).endMs(), 40);
    }

    @Test
    void speechAloneHasNoBeep() {
        for (long seed = 1; seed <= 6; seed++) {
            float[] speech = SyntheticSpeech.generate(8000 * 15, 8000, 9000, seed);
            List<Beep> found = beeps(Calls.line(speech, NoiseType.PINK, 20, seed));
            assertTrue(found.isEmpty(), "seed " + seed + ": " + found);
        }
    }

    @Test
    void aGlidingToneIsNoBeep() {
        // a pitch glide of 10 % over 300 ms, like a sung vowel: stable frame to frame only within 0.6 %
        int n = 8000 * 300 / 1000;
        float[] glide = new float[n];
        double phase = 0;
        for (int i = 0; i < n; i++) {
            phase += 2 * Math.PI * (800 + 80.0 * i / n) / 8000;
            glide[i] = (float) (CallProgressTones.amplitude(-20) * Math.sin(phase));
        }
        assertTrue(beeps(afterSpeech(glide, 30, 7)).isEmpty());
    }
}
