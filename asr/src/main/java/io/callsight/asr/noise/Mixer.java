package io.callsight.asr.noise;

/**
 * Adds noise to clean speech at an exact signal-to-noise ratio. The SNR is defined on the speech-active
 * part of the clean signal, as in ITU-T P.56 practice: speech power is the mean power of the 10 ms frames
 * whose energy is within {@value #ACTIVE_RANGE_DB} dB of the loudest frame, and noise power is measured over
 * the same frames, so pauses between words neither dilute the speech level nor change the noise level
 * that the SNR refers to. {@link #snrDb} measures exactly what {@link #mix} sets.
 */
public final class Mixer {
    /** Frames quieter than the loudest by more than this are pauses. */
    public static final double ACTIVE_RANGE_DB = 40;
    /** Analysis frame for the activity decision: 10 ms at 8 kHz. */
    public static final int FRAME = 80;

    private Mixer() {
    }

    /** The result of a mix: the noisy signal and the scaled noise in it (noisy = clean + noise). */
    public record Mixture(float[] noisy, float[] noise, double noiseGain) {
    }

    /**
     * Returns {@code clean + g * noise} with g chosen so that {@link #snrDb}(clean, g * noise) equals
     * {@code snrDb}. The noise is repeated if shorter than the speech (and must not be empty then). A clean
     * signal that is all zeros has no defined SNR: the noise is then added at unit gain. A noise signal that
     * is zero over the active frames is added unscaled (it cannot reach any finite SNR).
     */
    public static Mixture mix(float[] clean, float[] noise, double snrDb) {
        if (clean.length > 0 && noise.length == 0) {
            throw new IllegalArgumentException("noise is empty");
        }
        float[] n = new float[clean.length];
        for (int i = 0; i < n.length; i++) {
            n[i] = noise[i % noise.length];
        }
        boolean[] active = activeFrames(clean);
        double ps = power(clean, active);
        double pn = power(n, active);
        double g = (ps > 0 && pn > 0) ? Math.sqrt(ps / (pn * Math.pow(10, snrDb / 10))) : 1.0;
        float[] noisy = new float[clean.length];
        for (int i = 0; i < n.length; i++) {
            n[i] = (float) (n[i] * g);
            noisy[i] = clean[i] + n[i];
        }
        return new Mixture(noisy, n, g);
    }

    /** Speech-active SNR in dB of {@code clean} against {@code noise} (same length). */
    public static double snrDb(float[] clean, float[] noise) {
        if (clean.length != noise.length) {
            throw new IllegalArgumentException("lengths differ: " + clean.length + " vs " + noise.length);
        }
        boolean[] active = activeFrames(clean);
        return 10 * Math.log10(power(clean, active) / power(noise, active));
    }

    /**
     * Segment-free SNR of an estimate against the clean reference: 10 log10(Σ clean² / Σ (estimate −
     * clean)²) over the speech-active frames of the reference. Used to score noise suppression.
     */
    public static double outputSnrDb(float[] clean, float[] estimate) {
        int len = Math.min(clean.length, estimate.length);
        float[] c = java.util.Arrays.copyOf(clean, len);
        float[] err = new float[len];
        for (int i = 0; i < len; i++) {
            err[i] = estimate[i] - clean[i];
        }
        return snrDb(c, err);
    }

    /** Which {@link #FRAME}-sample frames of {@code x} are speech-active (the last partial frame counts too). */
    static boolean[] activeFrames(float[] x) {
        int frames = (x.length + FRAME - 1) / FRAME;
        double[] e = new double[frames];
        double max = 0;
        for (int f = 0; f < frames; f++) {
            double s = 0;
            int end = Math.min(x.length, (f + 1) * FRAME);
            for (int i = f * FRAME; i < end; i++) {
                s += (double) x[i] * x[i];
            }
            e[f] = s / (end - f * FRAME);
            max = Math.max(max, e[f]);
        }
        double threshold = max * Math.pow(10, -ACTIVE_RANGE_DB / 10);
        boolean[] active = new boolean[frames];
        for (int f = 0; f < frames; f++) {
            active[f] = max > 0 && e[f] >= threshold;
        }
        return active;
    }

    private static double power(float[] x, boolean[] active) {
        double s = 0;
        long count = 0;
        for (int f = 0; f < active.length; f++) {
            if (!active[f]) {
                continue;
            }
            int end = Math.min(x.length, (f + 1) * FRAME);
            for (int i = f * FRAME; i < end; i++) {
                s += (double) x[i] * x[i];
            }
            count += end - f * FRAME;
        }
        return count == 0 ? 0 : s / count;
    }

    /** Float samples (PCM16 scale) to PCM16 with saturation. */
    public static short[] toPcm(float[] x) {
        short[] out = new short[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(x[i])));
        }
        return out;
    }

    public static float[] toFloat(short[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i];
        }
        return out;
    }
}
