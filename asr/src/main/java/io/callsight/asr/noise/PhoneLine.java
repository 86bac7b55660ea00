package io.callsight.asr.noise;

import io.callsight.asr.audio.G711;

/**
 * What a telephone line does to a clean 8 kHz signal in tests and benchmarks: adds noise, then (optionally) a
 * G.711 μ-law encode/decode, which quantizes quiet parts coarsely (about 38 dB SNR per sample at speech levels).
 */
public final class PhoneLine {
    private PhoneLine() {
    }

    /** Noise at {@code snrDb} against the signal's active parts ({@link Mixer#mix}), then μ-law if {@code ulaw}. */
    public static short[] atSnr(float[] clean, NoiseType type, double snrDb, long seed, boolean ulaw) {
        if (Double.isInfinite(snrDb)) {
            return finish(clean, ulaw);
        }
        float[] noise = NoiseGenerator.generate(type, Math.max(1, clean.length), 8000, seed, java.util.List.of());
        return finish(Mixer.mix(clean, noise, snrDb).noisy(), ulaw);
    }

    /**
     * Noise at an absolute RMS level ({@code noiseDb} dBFS re 32768), for signals that are silent in places or
     * entirely (an answered line where nobody speaks), then μ-law if {@code ulaw}.
     */
    public static short[] atLevel(float[] clean, NoiseType type, double noiseDb, long seed, boolean ulaw) {
        float[] noise = NoiseGenerator.generate(type, Math.max(1, clean.length), 8000, seed, java.util.List.of());
        float gain = (float) (32768 * Math.pow(10, noiseDb / 20)); // the generator's noise has unit RMS
        float[] noisy = new float[clean.length];
        for (int i = 0; i < clean.length; i++) {
            noisy[i] = clean[i] + gain * noise[i];
        }
        return finish(noisy, ulaw);
    }

    private static short[] finish(float[] x, boolean ulaw) {
        short[] pcm = Mixer.toPcm(x);
        return ulaw ? G711.ulawDecode(G711.ulawEncode(pcm)) : pcm;
    }
}
