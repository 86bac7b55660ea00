package io.callsight.asr.denoise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StftTest {
    /** A suppressor that leaves the spectrum alone: its output must be its input. */
    static final class Identity extends StftSuppressor {
        Identity(int rate) {
            super(rate);
        }

        @Override
        protected void processSpectrum(float[] re, float[] im) {
        }

        @Override
        protected void resetState() {
        }

        @Override
        public String name() {
            return "identity";
        }
    }

    @Test
    void squaredWindowSumsToOne() {
        Stft stft = new Stft(160);
        float[] w = stft.window();
        for (int i = 0; i < 80; i++) {
            assertEquals(1.0, w[i] * w[i] + w[i + 80] * w[i + 80], 1e-6);
        }
    }

    @Test
    void analysisSynthesisReconstructsPerfectly() {
        Stft stft = new Stft(160);
        Random r = new Random(1);
        int len = 8000;
        float[] x = new float[len + 160];
        for (int i = 80; i < len; i++) {
            x[i] = (float) (r.nextGaussian() * 5000);
        }
        float[] y = new float[x.length];
        float[] re = new float[81], im = new float[81], frame = new float[160], out = new float[160];
        for (int start = 0; start + 160 <= x.length; start += 80) {
            System.arraycopy(x, start, frame, 0, 160);
            stft.analyze(frame, re, im);
            stft.synthesize(re, im, out);
            for (int i = 0; i < 160; i++) {
                y[start + i] += out[i];
            }
        }
        for (int i = 80; i < len; i++) {
            assertEquals(x[i], y[i], 0.05, "sample " + i); // float rounding on a 5000-RMS signal
        }
    }

    @Test
    void transformMatchesKnownSpectrum() {
        Stft stft = new Stft(160);
        float[] frame = new float[160];
        for (int i = 0; i < 160; i++) {
            frame[i] = (float) Math.cos(2 * Math.PI * 10 * i / 160); // exactly bin 10
        }
        float[] re = new float[81], im = new float[81];
        stft.analyze(frame, re, im);
        int peak = 0;
        for (int k = 0; k < 81; k++) {
            if (re[k] * re[k] + im[k] * im[k] > re[peak] * re[peak] + im[peak] * im[peak]) {
                peak = k;
            }
        }
        assertEquals(10, peak);
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000})
    void streamingIdentityReturnsInputForAnyChunking(int rate) {
        Random r = new Random(rate);
        short[] x = new short[rate + 37]; // odd length, not a multiple of the hop
        for (int i = 0; i < x.length; i++) {
            x[i] = (short) (r.nextGaussian() * 8000);
        }
        Identity id = new Identity(rate);
        short[] whole = id.processAll(x);
        assertEquals(x.length, whole.length);
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], whole[i], 1, "sample " + i);
        }
        short[] chunked = DenoiseTesting.processInChunks(id, x, new Random(7));
        assertArrayEquals(whole, chunked);
    }

    @Test
    void rejectsOddFrames() {
        assertThrows(IllegalArgumentException.class, () -> new Stft(161));
        assertThrows(IllegalArgumentException.class, () -> Stft.twentyMs(11025));
    }
}
