package io.callsight.asr.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DcBlockerTest {
    private static final int RATE = 8000;

    private static short[] toneWithOffset(int samples, double hz, double amplitude, double offset) {
        short[] x = new short[samples];
        for (int i = 0; i < samples; i++) {
            x[i] = (short) Math.round(offset + amplitude * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return x;
    }

    private static double rms(short[] x, int from) {
        double e = 0;
        for (int i = from; i < x.length; i++) {
            e += (double) x[i] * x[i];
        }
        return Math.sqrt(e / (x.length - from));
    }

    @Test
    void removesTheOffsetAndKeepsTheSpeechBand() {
        short[] in = toneWithOffset(4 * RATE, 300, 8000, 6000);
        short[] out = new DcBlocker(RATE).process(in);
        int settled = RATE; // the offset decays with a ~16 ms time constant; 1 s is far past it
        double sum = 0;
        for (int i = settled; i < out.length; i++) {
            sum += out[i];
        }
        assertEquals(0, sum / (out.length - settled), 20, "offset removed");
        double gainDb = 20 * Math.log10(rms(out, settled) / (8000 / Math.sqrt(2)));
        assertEquals(0, gainDb, 0.05, "300 Hz passes within 0.05 dB");
    }

    @Test
    void attenuatesSubAudioDrift() {
        short[] in = toneWithOffset(8 * RATE, 1, 8000, 0);
        short[] out = new DcBlocker(RATE).process(in);
        assertTrue(rms(out, 2 * RATE) < 0.2 * rms(in, 2 * RATE), "1 Hz drift down by more than 14 dB");
    }

    @Test
    void chunkingDoesNotChangeTheOutput() {
        short[] in = toneWithOffset(RATE, 440, 12000, -3000);
        short[] whole = new DcBlocker(RATE).process(in);
        DcBlocker streaming = new DcBlocker(RATE);
        short[] chunked = new short[in.length];
        int pos = 0;
        for (int n : new int[] {1, 159, 160, 7, 3000}) {
            System.arraycopy(streaming.process(Arrays.copyOfRange(in, pos, pos + n)), 0, chunked, pos, n);
            pos += n;
        }
        System.arraycopy(streaming.process(Arrays.copyOfRange(in, pos, in.length)), 0, chunked, pos, in.length - pos);
        assertArrayEquals(whole, chunked);
    }

    @Test
    void fullScaleInputDoesNotWrapAround() {
        short[] in = new short[RATE];
        Arrays.fill(in, Short.MAX_VALUE);
        in[RATE / 2] = Short.MIN_VALUE; // a full-scale step the filter overshoots on
        short[] out = new DcBlocker(RATE).process(in);
        assertTrue(out[RATE / 2] <= 0 && out[RATE / 2 + 1] >= out[RATE / 2], "clamped, not wrapped");
    }
}
