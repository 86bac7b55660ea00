package io.callsight.asr.denoise;

/**
 * The denoiser network's input for one frame, computed from the noisy spectrum only (so it works
 * identically in training and at run time: the training code calls this class). Per band b:
 * <ol>
 *   <li>{@code L_b = log10(E_b + 1)}: log band energy (PCM16 scale);</li>
 *   <li>{@code L_b − L_b(previous frame)}: its change (onsets, offsets);</li>
 *   <li>{@code L_b − F_b}: height above a per-band noise floor {@code F_b} that follows drops at once and
 *       rises 5 dB per second, a cheap stationary-noise estimate that tells the network what is steady;</li>
 *   <li>{@code L_b − P_b}: depth below a per-band talker peak {@code P_b} that follows rises at once and
 *       decays 1 dB per second. Background talkers (call-center babble) are speech too, so no single frame
 *       tells them from the caller; their level does: they stay well below the near talker's recent peak,
 *       through a pause of several seconds.</li>
 * </ol>
 * Models trained before the talker peak (denoiser v1, v2) take only the first three groups:
 * {@link #forInputSize} picks the set a model was trained with. Normalization to zero mean / unit variance
 * is part of the model, not of this class.
 */
public final class RnnFeatures {
    /** Floor rise per 10 ms frame, in log10 units (0.05 dB). */
    private static final float FLOOR_RISE = 0.005f;
    /** Talker-peak decay per 10 ms frame, in log10 units (0.01 dB, i.e. 1 dB per second). */
    private static final float PEAK_DECAY = 0.001f;
    /** Feature groups per band of the current feature set (level, change, above floor, below peak). */
    private static final int GROUPS = 4;
    /** Groups of the feature set before the talker peak. */
    private static final int LEGACY_GROUPS = 3;

    private final BandLayout layout;
    private final float[] energies;
    private final float[] prevLog;
    private final float[] floor;
    private final float[] peak;
    private final int groups;
    private boolean first = true;

    /** The current feature set (all four groups): what {@code train denoiser} trains new models on. */
    public RnnFeatures(BandLayout layout) {
        this(layout, GROUPS);
    }

    private RnnFeatures(BandLayout layout, int groups) {
        this.layout = layout;
        this.groups = groups;
        int b = layout.bands();
        this.energies = new float[b];
        this.prevLog = new float[b];
        this.floor = new float[b];
        this.peak = new float[b];
    }

    /** The feature set whose size is {@code inputSize}, the input width of a trained model. */
    public static RnnFeatures forInputSize(BandLayout layout, int inputSize) {
        int bands = layout.bands();
        if (inputSize == GROUPS * bands || inputSize == LEGACY_GROUPS * bands) {
            return new RnnFeatures(layout, inputSize / bands);
        }
        throw new IllegalArgumentException("denoiser model takes " + inputSize + " features, but " + bands
                + " bands give " + LEGACY_GROUPS * bands + " (v1/v2 features) or " + GROUPS * bands + " (with talker peak)");
    }

    /** Features of the current set for {@code bands} bands. */
    public static int size(int bands) {
        return GROUPS * bands;
    }

    public int size() {
        return groups * layout.bands();
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
                peak[b] = l;
            }
            floor[b] = Math.min(l, floor[b] + FLOOR_RISE);
            peak[b] = Math.max(l, peak[b] - PEAK_DECAY);
            out[b] = l;
            out[bands + b] = l - prevLog[b];
            out[2 * bands + b] = l - floor[b];
            if (groups > LEGACY_GROUPS) {
                out[3 * bands + b] = l - peak[b];
            }
            prevLog[b] = l;
        }
        first = false;
    }
}
