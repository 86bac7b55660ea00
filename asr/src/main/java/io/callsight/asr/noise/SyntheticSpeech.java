package io.callsight.asr.noise;

import java.util.SplittableRandom;

/**
 * A speech-like test signal when no recorded speech is at hand: voiced "syllables" (a harmonic series on a
 * gliding 90–250 Hz fundamental, shaped by two or three moving formant resonances), unvoiced fricative
 * bursts, and pauses, with a syllable rate of about 4 per second. It has speech's temporal modulation and
 * harmonic structure, which is what noise suppressors key on. Deterministic for a seed.
 */
public final class SyntheticSpeech {
    private SyntheticSpeech() {
    }

    /** {@code n} samples at {@code sampleRate}, peak level around {@code peak} (PCM16 scale). */
    public static float[] generate(int n, int sampleRate, double peak, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] out = new float[n];
        int pos = (int) (sampleRate * 0.1 * r.nextDouble());
        double nyq = sampleRate / 2.0;
        while (pos < n) {
            int len = (int) (sampleRate * (0.12 + 0.2 * r.nextDouble()));
            boolean voiced = r.nextDouble() < 0.8;
            double f0a = 90 + 160 * r.nextDouble();
            double f0b = f0a * (0.8 + 0.4 * r.nextDouble());
            double[] formants = {300 + 600 * r.nextDouble(), 900 + 1400 * r.nextDouble(), 2300 + 800 * r.nextDouble()};
            double amp = peak * (0.3 + 0.7 * r.nextDouble());
            double phase = 0;
            for (int j = 0; j < len && pos + j < n; j++) {
                double t = (double) j / len;
                double env = Math.sin(Math.PI * t);
                env *= env;
                double s;
                if (voiced) {
                    double f0 = f0a + (f0b - f0a) * t;
                    phase += 2 * Math.PI * f0 / sampleRate;
                    s = 0;
                    for (int h = 1; h * f0 < nyq * 0.95; h++) {
                        double fh = h * f0;
                        double g = 0;
                        for (int k = 0; k < formants.length; k++) {
                            double d = (fh - formants[k]) / (80 + 40 * k);
                            g += Math.exp(-0.5 * d * d) / (k + 1);
                        }
                        s += (g + 0.02) * Math.sin(h * phase);
                    }
                    s *= 0.5;
                } else {
                    s = 0.3 * NoiseGenerator.gaussian(r) * (0.5 + 0.5 * Math.sin(2 * Math.PI * 3000 * j / sampleRate));
                }
                out[pos + j] += (float) (amp * env * s);
            }
            pos += len + (int) (sampleRate * (r.nextDouble() < 0.25 ? 0.15 + 0.3 * r.nextDouble() : 0.02 * r.nextDouble()));
        }
        return out;
    }
}
