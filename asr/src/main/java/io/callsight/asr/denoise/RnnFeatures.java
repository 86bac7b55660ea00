package io.callsight.asr.denoise;

/**
 * The denoiser network's input for one frame, computed from the noisy spectrum only (so it works
 * identically in training and at run time: the training code calls this class). Per band b:
 * <ol>
 *   <li>{@code L_b = log10(E_b + 1)}: log band energy (PCM16 scale);</li>
 *   <li>{@code L_b − L_b(previous frame)}: its change (onsets, offsets);</li>
 *   <li>{@code L_b − F_b}: height above a per-band noise floor {@code F_b} that follows drops at once and
 *       rises 5 dB per second, a cheap stationary-noise estimate that tells the network what is steady.</li>
 * </ol>
 * Normalization to zero mean / unit variance is part of the model, not of this class.
 */
public final class RnnFeatures {
    /** Floor rise per 10 ms frame, in log10 units (0.05 dB). */
    private static final float FLOOR_RISE = 0.005f;

    private final BandLayout layout;
    private final float[] energies;
    private final float[] prevLog;
    private final float[] floor;
    private boolean first = true;

    public RnnFeatures(BandLayout layout) {
        this.layout = layout;
        int b = layout.bands();
        this.energies = new float[b];
        this.prevLog = new float[b];
        this.floor = new float[b];
    }

    public static int size(int bands) {
        return 3 * bands;
    }

    public int size() {
        return size(layout.bands());
    }

    public void reset() {
        first = true;
    }

    /** Fills {@code out} ({@link #size()} values) from the frame's noisy spectrum and advances the state. */
    public void compute(float[] re, float[] im, float[] out) {
        layout.energies(re, im, energies);
        int bands = layout.bands();
        for (int b = 0; b < bands; b++) {
            float l = (float) Math.log10(energies[b] + 1f);
            if (first) {
                prevLog[b] = l;
                floor[b] = l;
            }
            floor[b] = Math.min(l, floor[b] + FLOOR_RISE);
            out[b] = l;
            out[bands + b] = l - prevLog[b];
            out[2 * bands + b] = l - floor[b];
            prevLog[b] = l;
        }
        first = false;
    }
}
