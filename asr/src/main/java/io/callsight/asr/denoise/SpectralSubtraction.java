package io.callsight.asr.denoise;

/**
 * Classical single-channel suppression: a Wiener gain driven by the decision-directed a priori SNR (Ephraim
 * and Malah), with the noise spectrum tracked without a VAD by minima-controlled recursive averaging (MCRA,
 * Cohen and Berdugo 2001): the smoothed power spectrum's minimum over the last ~1 s tells, per bin, whether
 * speech is present; the noise estimate is updated recursively where it is absent, and held where speech is
 * present. The gain has a floor so residual noise stays natural and speech is never switched off, which a
 * recognizer punishes more than residual noise.
 *
 * <p>Works at any sample rate that is a multiple of 100 Hz (20 ms frames); Callsight runs it at 8 kHz.
 */
public final class SpectralSubtraction extends StftSuppressor {
    /** Tuning knobs; {@link #defaults()} is what the speech job uses. */
    public record Params(double gainFloorDb, double ddAlpha, double minWindowSeconds, double presenceRatio,
            double noiseAlpha, double overSubtraction) {
        public static Params defaults() {
            return new Params(-15, 0.98, 1.0, 5.0, 0.95, 1.0);
        }
    }

    private static final double SMOOTH = 0.8;      // periodogram smoothing for the minimum search
    private static final double PRESENCE_ALPHA = 0.2;
    private static final int SUBWINDOWS = 8;
    private static final int INIT_FRAMES = 5;
    private static final float EPS = 1e-3f;

    private final Params params;
    private final int bins;
    private final int subwindowFrames;
    private final float gainFloor;
    private final float[] smoothed;
    private final float[] minCurrent;
    private final float[][] minHistory;
    private final float[] noise;
    private final float[] presence;
    private final float[] prevGain;
    private final float[] prevPost;
    private int frames;
    private int subCount;
    private int subIndex;

    public SpectralSubtraction(int sampleRate) {
        this(sampleRate, Params.defaults());
    }

    public SpectralSubtraction(int sampleRate, Params params) {
        super(sampleRate);
        this.params = params;
        this.bins = stft.bins();
        int windowFrames = (int) Math.max(SUBWINDOWS, Math.round(params.minWindowSeconds() * 100));
        this.subwindowFrames = Math.max(1, windowFrames / SUBWINDOWS);
        this.gainFloor = (float) Math.pow(10, params.gainFloorDb() / 20);
        this.smoothed = new float[bins];
        this.minCurrent = new float[bins];
        this.minHistory = new float[SUBWINDOWS][bins];
        this.noise = new float[bins];
        this.presence = new float[bins];
        this.prevGain = new float[bins];
        this.prevPost = new float[bins];
        resetState();
    }

    @Override
    public String name() {
        return "wiener";
    }

    @Override
    protected void resetState() {
        java.util.Arrays.fill(smoothed, 0);
        java.util.Arrays.fill(minCurrent, Float.MAX_VALUE);
        for (float[] h : minHistory) {
            java.util.Arrays.fill(h, Float.MAX_VALUE);
        }
        java.util.Arrays.fill(noise, 0);
        java.util.Arrays.fill(presence, 0);
        java.util.Arrays.fill(prevGain, 1);
        java.util.Arrays.fill(prevPost, 1);
        frames = 0;
        subCount = 0;
        subIndex = 0;
    }

    @Override
    protected void processSpectrum(float[] re, float[] im) {
        frames++;
        for (int k = 0; k < bins; k++) {
            float p = re[k] * re[k] + im[k] * im[k];
            // --- noise tracking (MCRA) ---
            smoothed[k] = frames == 1 ? p : (float) (SMOOTH * smoothed[k] + (1 - SMOOTH) * p);
            minCurrent[k] = Math.min(minCurrent[k], smoothed[k]);
            float min = minCurrent[k];
            for (float[] h : minHistory) {
                min = Math.min(min, h[k]);
            }
            if (frames <= INIT_FRAMES) {
                noise[k] += (p - noise[k]) / frames; // assume the first 50 ms are representative
            } else {
                float present = smoothed[k] > params.presenceRatio() * Math.max(min, EPS) ? 1f : 0f;
                presence[k] = (float) (PRESENCE_ALPHA * presence[k] + (1 - PRESENCE_ALPHA) * present);
                double alpha = params.noiseAlpha() + (1 - params.noiseAlpha()) * presence[k];
                noise[k] = (float) (alpha * noise[k] + (1 - alpha) * p);
            }
            // --- Wiener gain with decision-directed a priori SNR ---
            float lambda = (float) Math.max(EPS, params.overSubtraction() * noise[k]);
            float post = p / lambda;
            float prior = (float) (params.ddAlpha() * prevGain[k] * prevGain[k] * prevPost[k]
                    + (1 - params.ddAlpha()) * Math.max(post - 1, 0));
            prior = Math.max(prior, 1e-3f);
            float g = Math.max(gainFloor, prior / (1 + prior));
            prevGain[k] = g;
            prevPost[k] = Math.min(post, 1e4f);
            re[k] *= g;
            im[k] *= g;
        }
        if (++subCount == subwindowFrames) {
            float[] slot = minHistory[subIndex];
            System.arraycopy(minCurrent, 0, slot, 0, bins);
            subIndex = (subIndex + 1) % SUBWINDOWS;
            java.util.Arrays.fill(minCurrent, Float.MAX_VALUE);
            subCount = 0;
        }
    }
}
