package io.callsight.asr.denoise;

/**
 * Short-time Fourier transform with a square-root periodic Hann window used for both analysis and synthesis
 * at 50% overlap. The squared window sums to exactly one over overlapping frames, so analysis followed by
 * synthesis and overlap-add reconstructs the input perfectly (to float rounding), and a spectral gain
 * between the two is applied smoothly without a separate synthesis normalization.
 *
 * <p>The frame length need not be a power of two (20 ms at 8 kHz is 160 samples), so the transform is a
 * real DFT with precomputed twiddle tables: for 160 samples that is 81 bins × 160 multiply-adds each way,
 * a few tens of microseconds per 10 ms hop, well inside the CPU budget.
 */
public final class Stft {
    private final int n;
    private final int bins;
    private final float[] window;
    private final float[] cos;
    private final float[] sin;

    /** {@code frameLength} samples per frame (even); hop is half of it. */
    public Stft(int frameLength) {
        if (frameLength < 4 || frameLength % 2 != 0) {
            throw new IllegalArgumentException("frame length must be even and >= 4: " + frameLength);
        }
        this.n = frameLength;
        this.bins = n / 2 + 1;
        this.window = new float[n];
        for (int i = 0; i < n; i++) {
            window[i] = (float) Math.sqrt(0.5 - 0.5 * Math.cos(2 * Math.PI * i / n));
        }
        this.cos = new float[bins * n];
        this.sin = new float[bins * n];
        for (int k = 0; k < bins; k++) {
            for (int i = 0; i < n; i++) {
                double a = 2 * Math.PI * ((long) k * i % n) / n;
                cos[k * n + i] = (float) Math.cos(a);
                sin[k * n + i] = (float) Math.sin(a);
            }
        }
    }

    /** 20 ms frames at {@code sampleRate} (10 ms hop). */
    public static Stft twentyMs(int sampleRate) {
        int frame = sampleRate / 50;
        if (sampleRate % 100 != 0) {
            throw new IllegalArgumentException("sample rate must be a multiple of 100 Hz: " + sampleRate);
        }
        return new Stft(frame);
    }

    public int frameLength() {
        return n;
    }

    public int hop() {
        return n / 2;
    }

    public int bins() {
        return bins;
    }

    public float[] window() {
        return window.clone();
    }

    /** Windows {@code frame} (length {@link #frameLength()}) and transforms it into {@code re}/{@code im} (length {@link #bins()}). */
    public void analyze(float[] frame, float[] re, float[] im) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = frame[i] * window[i];
        }
        for (int k = 0; k < bins; k++) {
            int base = k * n;
            double r = 0, m = 0;
            for (int i = 0; i < n; i++) {
                r += x[i] * cos[base + i];
                m -= x[i] * sin[base + i];
            }
            re[k] = (float) r;
            im[k] = (float) m;
        }
    }

    /** Inverse transform of a half spectrum, windowed: add the result into the output with 50% overlap. */
    public void synthesize(float[] re, float[] im, float[] out) {
        // x[i] = (1/n) [Re0 + (-1)^i Re_{n/2} + 2 Σ_{k=1}^{n/2-1} (Re_k cos − Im_k sin)]
        double scale = 1.0 / n;
        float[] ar = new float[bins];
        float[] ai = new float[bins];
        for (int k = 0; k < bins; k++) {
            float w = (k == 0 || k == bins - 1) ? 1f : 2f;
            ar[k] = re[k] * w;
            ai[k] = im[k] * w;
        }
        ai[0] = 0;
        ai[bins - 1] = 0;
        float[] acc = new float[n];
        for (int k = 0; k < bins; k++) {
            float r = ar[k];
            float m = ai[k];
            int base = k * n;
            for (int i = 0; i < n; i++) {
                acc[i] += r * cos[base + i] - m * sin[base + i];
            }
        }
        for (int i = 0; i < n; i++) {
            out[i] = (float) (acc[i] * scale) * window[i];
        }
    }
}
