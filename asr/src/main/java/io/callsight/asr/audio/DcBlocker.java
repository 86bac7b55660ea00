package io.callsight.asr.audio;

/**
 * Removes a constant offset (and sub-audio drift) from a line: the one-pole high-pass
 * {@code y[n] = x[n] − x[n−1] + r·y[n−1]}, corner ≈ {@code (1 − r)·rate / 2π} (≈ 10 Hz at 8 kHz), flat above
 * 200 Hz to within 0.01 dB. Some gateways and cheap ADCs add an offset that would otherwise eat the
 * suppressor's headroom, shift the VAD's energy features and clip sooner in the μ-law re-encode. Streaming:
 * the filter state carries across chunks, so chunking never changes the output.
 */
public final class DcBlocker {
    private final double r;
    private double previousInput;
    private double previousOutput;

    public DcBlocker(int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        this.r = 1 - 2 * Math.PI * 10.0 / sampleRate;
    }

    /** Filters the next chunk; returns a new array of the same length. */
    public short[] process(short[] pcm) {
        short[] out = new short[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            double x = pcm[i];
            double y = x - previousInput + r * previousOutput;
            previousInput = x;
            previousOutput = y;
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(y)));
        }
        return out;
    }
}
