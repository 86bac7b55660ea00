package io.callsight.asr.callprogress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.asr.noise.Mixer;
import io.callsight.asr.noise.NoiseGenerator;
import io.callsight.asr.noise.NoiseType;
import io.callsight.asr.noise.SyntheticSpeech;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToneAnalyzerTest {
    private static List<ToneFrame> analyze(short[] pcm) {
        ToneAnalyzer analyzer = new ToneAnalyzer(TonePlan.defaults(), CallProgressConfig.Tones.defaults());
        List<ToneFrame> frames = new ArrayList<>();
        for (int i = 0; i + ToneAnalyzer.HOP <= pcm.length; i += ToneAnalyzer.HOP) {
            frames.add(analyzer.analyze(pcm, i));
        }
        return frames;
    }

    /** Frames whose window lies entirely inside the signal's steady part. */
    private static List<ToneFrame> steady(List<ToneFrame> frames) {
        return frames.subList(5, frames.size() - 1);
    }

    private static int planTone(ToneSpec spec) {
        return new ToneAnalyzer(TonePlan.defaults(), CallProgressConfig.Tones.defaults()).planToneOf(spec);
    }

    @Test
    void aPureToneIsFoundToWithinAHertzAndHoldsAlmostAllTheEnergy() {
        for (double hz : new double[] {413.7, 1000, 1776.7, 2100}) {
            float[] tone = CallProgressTones.beep(hz, 1000, -20);
            for (ToneFrame f : steady(analyze(Mixer.toPcm(tone)))) {
                assertEquals(hz, f.dominantHz(), 1.0, "at " + hz + " Hz");
                assertTrue(f.dominantShare() > 0.95, "share " + f.dominantShare() + " at " + hz);
            }
        }
    }

    @Test
    void dualTonesAreToldApartByTheirFrequencySets() {
        TonePlan us = TonePlan.northAmerica();
        TonePlan uk = TonePlan.unitedKingdom();
        TonePlan eu = TonePlan.europe();
        for (ToneSpec spec : List.of(us.tone(ToneKind.RINGBACK), us.tone(ToneKind.BUSY), uk.tone(ToneKind.RINGBACK),
                uk.tone(ToneKind.BUSY), eu.tone(ToneKind.RINGBACK))) {
            float[] continuous = CallProgressTones.cadenced(ToneSpec.of("test", ToneKind.BUSY, spec.hz(), 5000, 10), 1000, 0, -22, 0);
            for (ToneFrame f : steady(analyze(pcm(continuous)))) {
                assertEquals(planTone(spec), f.planTone(), spec + " frame " + f);
                // two tones 40 Hz apart beat inside the window, which moves the share of 440+480 Hz by about ±15 %
                assertTrue(f.planToneShare() > 0.8, spec + " share " + f.planToneShare());
            }
        }
    }

    @Test
    void aOnePercentFrequencyErrorStillMatchesThePlanTone() {
        ToneSpec busy = TonePlan.northAmerica().tone(ToneKind.BUSY);
        float[] tone = CallProgressTones.cadenced(ToneSpec.of("test", ToneKind.BUSY, busy.hz(), 5000, 10), 1000, 0, -22, 0.01);
        for (ToneFrame f : steady(analyze(pcm(tone)))) {
            assertEquals(planTone(busy), f.planTone(), f.toString());
        }
    }

    @Test
    void noiseAndSpeechHoldNoPlanTone() {
        float[] noise = NoiseGenerator.white(8000 * 3, 4);
        for (int i = 0; i < noise.length; i++) {
            noise[i] *= 3000;
        }
        for (ToneFrame f : analyze(Mixer.toPcm(noise))) {
            assertEquals(-1, f.planTone());
            assertTrue(f.dominantShare() < 0.2, f.toString());
        }
        int toneFrames = 0;
        List<ToneFrame> speech = analyze(Mixer.toPcm(SyntheticSpeech.generate(8000 * 20, 8000, 8000, 5)));
        for (ToneFrame f : speech) {
            toneFrames += f.planTone() >= 0 ? 1 : 0;
        }
        // a harmonic can land on 400 or 425 Hz for a frame; it must not look like a tone for long
        assertTrue(toneFrames < speech.size() / 100, toneFrames + " of " + speech.size() + " speech frames held a plan tone");
    }

    @Test
    void windowsQuieterThanTheMinimumLevelHoldNothing() {
        ToneSpec ring = TonePlan.northAmerica().tone(ToneKind.RINGBACK);
        float[] faint = CallProgressTones.cadenced(ToneSpec.of("test", ToneKind.BUSY, ring.hz(), 5000, 10), 1000, 0, -60, 0);
        for (ToneFrame f : analyze(pcm(faint))) {
            assertEquals(-1, f.planTone());
        }
    }

    @Test
    void levelIsTheFramesRmsInDbfs() {
        List<ToneFrame> frames = analyze(Mixer.toPcm(CallProgressTones.beep(1000, 500, -20)));
        assertEquals(-20, frames.get(10).levelDb(), 0.2);
        assertEquals(-120, analyze(new short[1600]).get(5).levelDb(), 1e-9);
    }

    private static short[] pcm(float[] x) {
        return Mixer.toPcm(x);
    }
}
