package io.callsight.asr.noise;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic noise synthesis for training and testing noise suppression. Every generator is a pure
 * function of its arguments: the same seed gives the same samples on every machine (no shared random
 * state, no time-dependent values). Output is float samples normalized to unit RMS (so a caller scales it
 * with {@link Mixer} to any SNR); generators never return NaN or infinite values, and {@code n == 0} gives an
 * empty array.
 */
public final class NoiseGenerator {
    private NoiseGenerator() {
    }

    /** Noise of {@code type}; {@code speech} (clean utterances at {@code sampleRate}) is needed only for babble. */
    public static float[] generate(NoiseType type, int n, int sampleRate, long seed, List<float[]> speech) {
        return switch (type) {
            case WHITE -> white(n, seed);
            case PINK -> pink(n, seed);
            case BROWN -> brown(n, seed);
            case HUM -> hum(n, sampleRate, new SplittableRandom(seed).nextBoolean() ? 50 : 60, seed);
            case CLICKS -> clicks(n, sampleRate, 4.0, seed);
            case TONES -> tones(n, sampleRate, seed);
            case BABBLE -> babble(speech, n, 4 + (int) Math.floorMod(seed, 4), seed);
        };
    }

    /** Gaussian white noise, unit RMS. */
    public static float[] white(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) gaussian(r);
        }
        return normalize(out);
    }

    /**
     * Pink noise: white noise through Paul Kellet's refined pinking filter (parallel one-pole sections whose
     * sum approximates a -3 dB/octave slope within ±0.5 dB over the audio band), unit RMS.
     */
    public static float[] pink(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] out = new float[n];
        double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
        for (int i = -2048; i < n; i++) { // warm-up so the slow sections start in steady state
            double w = gaussian(r);
            b0 = 0.99886 * b0 + w * 0.0555179;
            b1 = 0.99332 * b1 + w * 0.0750759;
            b2 = 0.96900 * b2 + w * 0.1538520;
            b3 = 0.86650 * b3 + w * 0.3104856;
            b4 = 0.55000 * b4 + w * 0.5329522;
            b5 = -0.7616 * b5 - w * 0.0168980;
            double pink = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362;
            b6 = w * 0.115926;
            if (i >= 0) {
                out[i] = (float) pink;
            }
        }
        return normalize(removeMean(out));
    }

    /** Brown (red) noise: leaky integral of white noise (corner ~1.3 Hz at 8 kHz), unit RMS. */
    public static float[] brown(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] out = new float[n];
        double y = 0;
        for (int i = -4096; i < n; i++) {
            y = 0.999 * y + gaussian(r);
            if (i >= 0) {
                out[i] = (float) y;
            }
        }
        return normalize(removeMean(out));
    }

    /**
     * Mains hum: the fundamental ({@code mainsHz}, normally 50 or 60) and odd and even harmonics up to
     * about 1 kHz with 1/k amplitudes (odd ones stronger, as from a saturating transformer), random phases,
     * and a slow ±0.2% frequency drift. Unit RMS.
     */
    public static float[] hum(int n, int sampleRate, double mainsHz, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int harmonics = (int) Math.max(1, Math.min(20, Math.floor(0.45 * sampleRate / mainsHz)));
        harmonics = Math.min(harmonics, (int) Math.ceil(1000 / mainsHz));
        double[] amp = new double[harmonics];
        double[] phase = new double[harmonics];
        for (int k = 0; k < harmonics; k++) {
            amp[k] = (1.0 / (k + 1)) * ((k % 2 == 0) ? 1.0 : 0.5) * (0.7 + 0.6 * r.nextDouble());
            phase[k] = 2 * Math.PI * r.nextDouble();
        }
        double driftRate = 0.1 + 0.3 * r.nextDouble(); // Hz of the drift modulation
        double driftPhase = 2 * Math.PI * r.nextDouble();
        float[] out = new float[n];
        double base = 0; // integrated phase of the fundamental, in cycles
        for (int i = 0; i < n; i++) {
            double f = mainsHz * (1 + 0.002 * Math.sin(2 * Math.PI * driftRate * i / sampleRate + driftPhase));
            base += f / sampleRate;
            base -= Math.floor(base);
            double s = 0;
            for (int k = 0; k < harmonics; k++) {
                s += amp[k] * Math.sin(2 * Math.PI * (k + 1) * base + phase[k]);
            }
            out[i] = (float) s;
        }
        return normalize(out);
    }

    /**
     * Clicks: impulses at Poisson times ({@code perSecond} on average), each a short burst of decaying
     * noise (0.5–3 ms) with random sign and a level spread of 20 dB; a floor of very quiet white noise keeps
     * the signal from being exactly zero between clicks. Unit RMS.
     */
    public static float[] clicks(int n, int sampleRate, double perSecond, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (1e-3 * gaussian(r));
        }
        double meanGap = sampleRate / Math.max(1e-3, perSecond);
        double t = -Math.log(1 - r.nextDouble()) * meanGap;
        while (t < n) {
            int start = (int) t;
            double level = Math.pow(10, -r.nextDouble()); // 0 to -20 dB
            double sign = r.nextBoolean() ? 1 : -1;
            double tau = sampleRate * (0.0005 + 0.0025 * r.nextDouble());
            int len = (int) Math.min(n - start, 5 * tau);
            for (int j = 0; j < len; j++) {
                double env = Math.exp(-j / tau);
                out[start + j] += (float) (level * env * (j == 0 ? sign : 0.7 * gaussian(r)));
            }
            t += -Math.log(1 - r.nextDouble()) * meanGap;
        }
        return normalize(out);
    }

    /**
     * Music-like tones: a sequence of chords (3–4 notes from an equal-tempered scale between 110 and
     * 880 Hz), each note with a few harmonics, an attack of 5–40 ms and an exponential decay, chords every
     * 0.25–1 s and overlapping. Unit RMS.
     */
    public static float[] tones(int n, int sampleRate, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] out = new double[n];
        double nyquist = sampleRate / 2.0;
        int pos = 0;
        int[][] chordShapes = {{0, 4, 7}, {0, 3, 7}, {0, 4, 7, 11}, {0, 3, 7, 10}, {0, 5, 9}};
        while (pos < n) {
            int root = 45 + r.nextInt(24); // MIDI A2..G#4
            int[] shape = chordShapes[r.nextInt(chordShapes.length)];
            double attack = sampleRate * (0.005 + 0.035 * r.nextDouble());
            double decay = sampleRate * (0.2 + 0.8 * r.nextDouble());
            int len = (int) Math.min(n - pos, 4 * decay + attack);
            for (int note : shape) {
                double f0 = 440 * Math.pow(2, (root + note - 69) / 12.0);
                double ph = 2 * Math.PI * r.nextDouble();
                double noteAmp = 0.6 + 0.4 * r.nextDouble();
                for (int h = 1; h <= 4 && h * f0 < nyquist * 0.95; h++) {
                    double ah = noteAmp / (h * h);
                    double w = 2 * Math.PI * h * f0 / sampleRate;
                    for (int j = 0; j < len; j++) {
                        double env = j < attack ? j / attack : Math.exp(-(j - attack) / decay);
                        out[pos + j] += ah * env * Math.sin(w * j + h * ph);
                    }
                }
            }
            pos += (int) (sampleRate * (0.25 + 0.75 * r.nextDouble()));
        }
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) out[i];
        }
        return normalize(f);
    }

    /**
     * Babble: {@code talkers} voices talking at once. Each voice is a chain of utterances drawn at random
     * from {@code speech}, each starting at a random offset, normalized to equal RMS before summing, so no
     * voice dominates. Needs at least one non-empty utterance. Unit RMS.
     */
    public static float[] babble(List<float[]> speech, int n, int talkers, long seed) {
        if (speech == null || speech.stream().allMatch(s -> s.length == 0)) {
            throw new IllegalArgumentException("babble needs at least one non-empty speech signal");
        }
        SplittableRandom r = new SplittableRandom(seed);
        float[] out = new float[n];
        float[] voice = new float[n];
        for (int t = 0; t < Math.max(1, talkers); t++) {
            java.util.Arrays.fill(voice, 0f);
            int pos = -r.nextInt(Math.max(1, n / 2 + 1)) / 4;
            while (pos < n) {
                float[] s = speech.get(r.nextInt(speech.size()));
                if (s.length == 0) {
                    continue;
                }
                int offset = r.nextInt(s.length);
                for (int j = offset; j < s.length && pos + j - offset < n; j++) {
                    int k = pos + j - offset;
                    if (k >= 0) {
                        voice[k] += s[j];
                    }
                }
                pos += s.length - offset + r.nextInt(1 + s.length / 8);
            }
            normalize(voice);
            for (int i = 0; i < n; i++) {
                out[i] += voice[i];
            }
        }
        return normalize(out);
    }

    /** Scales {@code x} in place to unit RMS (leaves an all-zero signal as it is); returns it. */
    public static float[] normalize(float[] x) {
        double e = 0;
        for (float v : x) {
            e += (double) v * v;
        }
        if (e > 0) {
            float g = (float) (1 / Math.sqrt(e / x.length));
            for (int i = 0; i < x.length; i++) {
                x[i] *= g;
            }
        }
        return x;
    }

    private static float[] removeMean(float[] x) {
        double m = 0;
        for (float v : x) {
            m += v;
        }
        m /= Math.max(1, x.length);
        for (int i = 0; i < x.length; i++) {
            x[i] -= (float) m;
        }
        return x;
    }

    /** Standard normal deviate (Box–Muller, one of the pair), deterministic for a given generator. */
    static double gaussian(SplittableRandom r) {
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
