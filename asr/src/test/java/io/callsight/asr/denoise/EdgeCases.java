package io.callsight.asr.denoise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.asr.noise.Mixer;
import io.callsight.asr.noise.SyntheticSpeech;
import java.util.Arrays;
import java.util.Random;

/** Inputs a suppressor must survive: output length equals input length, no exception, sane values. */
final class EdgeCases {
    private EdgeCases() {
    }

    static void check(NoiseSuppressor s) {
        int rate = s.sampleRate();
        Random r = new Random(1);
        // empty, one sample, odd short lengths
        for (int len : new int[] {0, 1, 2, 3, 79, 81, 159, 161, 333}) {
            short[] x = new short[len];
            for (int i = 0; i < len; i++) {
                x[i] = (short) r.nextInt();
            }
            assertEquals(len, s.processAll(x).length, s.name() + " length " + len);
        }
        // silence stays silence
        short[] silent = s.processAll(new short[rate]);
        assertEquals(rate, silent.length);
        for (short v : silent) {
            assertEquals(0, v, s.name() + " made sound from silence");
        }
        // DC offset, clipped and extremely loud signals: no exception, bounded output
        float[] speech = SyntheticSpeech.generate(rate * 2, rate, 8000, 4);
        short[] dc = new short[speech.length];
        short[] clipped = new short[speech.length];
        short[] square = new short[speech.length];
        for (int i = 0; i < speech.length; i++) {
            dc[i] = (short) Math.max(-32768, Math.min(32767, speech[i] + 12000));
            clipped[i] = (short) Math.max(-32768, Math.min(32767, speech[i] * 20));
            square[i] = (short) ((i / 20) % 2 == 0 ? 32767 : -32768);
        }
        for (short[] x : new short[][] {dc, clipped, square}) {
            short[] y = s.processAll(x);
            assertEquals(x.length, y.length);
        }
        // speech after a long silence still comes through (noise estimate must not be stuck at zero)
        short[] late = new short[rate * 3];
        short[] sp = Mixer.toPcm(speech);
        System.arraycopy(sp, 0, late, rate, sp.length);
        short[] y = s.processAll(late);
        double in = energy(Arrays.copyOfRange(late, rate, late.length));
        double out = energy(Arrays.copyOfRange(y, rate, y.length));
        assertTrue(out > 0.1 * in, s.name() + " removed speech after silence: " + out / in);
    }

    private static double energy(short[] x) {
        double e = 0;
        for (short v : x) {
            e += (double) v * v;
        }
        return e;
    }
}
