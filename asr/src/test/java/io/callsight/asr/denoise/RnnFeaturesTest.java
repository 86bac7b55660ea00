package io.callsight.asr.denoise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RnnFeaturesTest {
    private static final Stft STFT = Stft.twentyMs(8000);
    private static final BandLayout LAYOUT = new BandLayout(BandLayout.TELEPHONE_CENTERS_HZ, 8000, STFT.bins());
    private static final int BANDS = LAYOUT.bands();

    /** Features of a 1 kHz tone at {@code amplitude} (PCM16 scale), after {@code frames} frames of it. */
    private static float[] afterTone(RnnFeatures features, double amplitude, int frames) {
        float[] frame = new float[STFT.frameLength()];
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (float) (amplitude * Math.sin(2 * Math.PI * 1000 * i / 8000.0));
        }
        float[] re = new float[STFT.bins()], im = new float[STFT.bins()];
        STFT.analyze(frame, re, im);
        float[] out = new float[features.size()];
        for (int t = 0; t < frames; t++) {
            features.compute(re, im, out);
        }
        return out;
    }

    private static int bandOf1kHz() {
        float[] centers = BandLayout.TELEPHONE_CENTERS_HZ;
        int best = 0;
        for (int b = 1; b < centers.length; b++) {
            if (Math.abs(centers[b] - 1000) < Math.abs(centers[best] - 1000)) {
                best = b;
            }
        }
        return best;
    }

    @Test
    void aQuieterSoundAfterTheTalkerSitsBelowTheTalkerPeakForSeconds() {
        RnnFeatures features = new RnnFeatures(LAYOUT);
        int b = bandOf1kHz();
        float[] talking = afterTone(features, 8000, 100);
        assertEquals(0f, talking[3 * BANDS + b], 1e-6f, "at the talker's own level the depth below the peak is zero");

        float[] background = afterTone(features, 8000 / 10.0,
                300); // 20 dB quieter, 3 s later
        float depth = background[3 * BANDS + b];
        // 20 dB = 2 log10 units below, minus 3 s × 1 dB/s of peak decay = 1.7 units
        assertEquals(-1.7f, depth, 0.05f);
    }

    @Test
    void thePeakFollowsALouderTalkerAtOnce() {
        RnnFeatures features = new RnnFeatures(LAYOUT);
        int b = bandOf1kHz();
        afterTone(features, 800, 50);
        float[] louder = afterTone(features, 8000, 1);
        assertEquals(0f, louder[3 * BANDS + b], 1e-6f);
    }

    @Test
    void modelsTrainedBeforeTheTalkerPeakGetTheirThreeGroups() {
        RnnFeatures legacy = RnnFeatures.forInputSize(LAYOUT, 3 * BANDS);
        assertEquals(3 * BANDS, legacy.size());
        RnnFeatures current = RnnFeatures.forInputSize(LAYOUT, 4 * BANDS);
        assertEquals(RnnFeatures.size(BANDS), current.size());

        float[] a = afterTone(legacy, 3000, 20);
        float[] c = afterTone(new RnnFeatures(LAYOUT), 3000, 20);
        assertTrue(Arrays.equals(a, Arrays.copyOf(c, 3 * BANDS)), "the first three groups are the same features");
    }

    @Test
    void aModelOfAnotherWidthIsRejectedWithBothSizesNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RnnFeatures.forInputSize(LAYOUT, 5 * BANDS));
        assertTrue(e.getMessage().contains(String.valueOf(3 * BANDS)) && e.getMessage().contains(String.valueOf(4 * BANDS)),
                e.getMessage());
    }
}
