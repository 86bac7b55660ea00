package io.callsight.asr.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LevelNormalizerTest {
    private static final int RATE = 8000;

    /**
     * Talk-like test signal: 1.5 s bursts of a 300 Hz tone with a syllable-rate (4 Hz) envelope, 1 s pauses of
     * faint noise, at the given RMS level of the bursts (dBFS).
     */
    private static short[] talk(double burstDbfs, double seconds, long seed) {
        Random r = new Random(seed);
        int n = (int) (seconds * RATE);
        short[] pcm = new short[n];
        double peak = Math.pow(10, burstDbfs / 20) * 32768 * Math.sqrt(2) / Math.sqrt(0.375);
        for (int i = 0; i < n; i++) {
            double t = i / (double) RATE;
            boolean burst = t % 2.5 < 1.5;
            double envelope = Math.pow(Math.sin(Math.PI * 4 * t), 2);
            double v = burst ? peak * envelope * Math.sin(2 * Math.PI * 300 * t) : 0;
            v += r.nextGaussian() * 3; // line noise floor, about -80 dBFS
            pcm[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
        }
        return pcm;
    }

    /** RMS in dBFS over the burst parts of the last {@code seconds} of the signal. */
    private static double burstLevelDbfs(short[] pcm, double seconds) {
        double e = 0;
        int m = 0;
        for (int i = (int) (pcm.length - seconds * RATE); i < pcm.length; i++) {
            if ((i / (double) RATE) % 2.5 < 1.5) {
                e += (double) pcm[i] * pcm[i];
                m++;
            }
        }
        return 10 * Math.log10(e / m / (32768.0 * 32768.0));
    }

    @Test
    void aQuietLineIsBroughtUpToTheEdgeOfTheDeadBand() {
        short[] out = new LevelNormalizer(RATE).process(talk(-42, 30, 1));
        double level = burstLevelDbfs(out, 10);
        assertEquals(LevelNormalizer.TARGET_DBFS - LevelNormalizer.DEAD_BAND_DB, level, 2.0, "level " + level);
    }

    @Test
    void aVeryLoudLineIsCutAndNothingNewClips() {
        short[] in = talk(-8, 30, 2);
        short[] out = new LevelNormalizer(RATE).process(in);
        assertEquals(LevelNormalizer.TARGET_DBFS + LevelNormalizer.DEAD_BAND_DB, burstLevelDbfs(out, 10), 2.0);
        for (int i = 0; i < in.length; i++) {
            assertTrue(Math.abs(out[i]) <= Math.abs(in[i]) + 1, "never louder than the input when cutting, sample " + i);
        }
    }

    @Test
    void aBoostNeverPushesASampleOverTheLimit() {
        short[] in = talk(-42, 20, 3);
        for (int i = 12 * RATE; i < 12 * RATE + 40; i++) {
            in[i] = (short) (i % 2 == 0 ? 30000 : -30000); // a sudden shout after the gain went up
        }
        short[] out = new LevelNormalizer(RATE).process(in);
        for (short s : out) {
            assertTrue(Math.abs(s) <= LevelNormalizer.LIMIT + 1, "sample " + s);
        }
    }

    @Test
    void aHealthyLineIsLeftBitExact() {
        short[] in = talk(-19, 20, 4);
        assertArrayEquals(in, new LevelNormalizer(RATE).process(in));
    }

    @Test
    void pausesDoNotPumpTheNoiseUp() {
        short[] in = new short[20 * RATE];
        Random r = new Random(5);
        for (int i = 0; i < in.length; i++) {
            in[i] = (short) Math.round(r.nextGaussian() * 30); // noise only, never speech above the floor
        }
        LevelNormalizer n = new LevelNormalizer(RATE);
        n.process(in);
        assertEquals(0.0, n.gainDb(), 1e-9);
    }

    @Test
    void anySplitOfTheInputGivesTheSameOutput() {
        short[] in = talk(-40, 12, 6);
        short[] whole = new LevelNormalizer(RATE).process(in);
        LevelNormalizer chunked = new LevelNormalizer(RATE);
        Random r = new Random(7);
        short[] joined = new short[0];
        for (int from = 0; from < in.length; ) {
            int to = Math.min(in.length, from + 1 + r.nextInt(333));
            short[] part = chunked.process(Arrays.copyOfRange(in, from, to));
            joined = Arrays.copyOf(joined, joined.length + part.length);
            System.arraycopy(part, 0, joined, joined.length - part.length, part.length);
            from = to;
        }
        assertArrayEquals(whole, joined);
    }
}
