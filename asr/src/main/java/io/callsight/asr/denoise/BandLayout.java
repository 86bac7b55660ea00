package io.callsight.asr.denoise;

/**
 * Triangular, roughly ERB-spaced bands over an STFT's bins (the RNNoise scheme): each bin belongs to the
 * two bands whose centres surround it, with weights that fall linearly and sum to one. Band energies are
 * therefore smooth in frequency, and per-band gains are turned back into per-bin gains by the same linear
 * interpolation, so the gain curve has no steps at band edges.
 */
public final class BandLayout {
    /** 18 band centres for the 0–4 kHz telephone band: 100 Hz apart up to 600 Hz, widening above (≈ ERB). */
    public static final float[] TELEPHONE_CENTERS_HZ = {
        0, 100, 200, 300, 400, 500, 600, 750, 900, 1050, 1250, 1500, 1750, 2050, 2400, 2800, 3300, 4000};

    private final float[] centers;
    private final int bins;
    private final int[] lowerBand; // per bin: index of the band centre at or below it
    private final float[] frac;    // per bin: weight of lowerBand + 1

    public BandLayout(float[] centersHz, int sampleRate, int bins) {
        if (centersHz.length < 2) {
            throw new IllegalArgumentException("need at least two bands");
        }
        this.centers = centersHz.clone();
        this.bins = bins;
        this.lowerBand = new int[bins];
        this.frac = new float[bins];
        double binHz = sampleRate / 2.0 / (bins - 1);
        for (int k = 0; k < bins; k++) {
            double f = k * binHz;
            int b = 0;
            while (b < centers.length - 2 && f >= centers[b + 1]) {
                b++;
            }
            double t = (f - centers[b]) / (centers[b + 1] - centers[b]);
            lowerBand[k] = b;
            frac[k] = (float) Math.max(0, Math.min(1, t));
        }
    }

    public int bands() {
        return centers.length;
    }

    public int bins() {
        return bins;
    }

    public float[] centersHz() {
        return centers.clone();
    }

    /** Band energies of a spectrum: {@code out[b] = Σ_k w_b(k) |X_k|²}. */
    public void energies(float[] re, float[] im, float[] out) {
        java.util.Arrays.fill(out, 0, centers.length, 0f);
        for (int k = 0; k < bins; k++) {
            float p = re[k] * re[k] + im[k] * im[k];
            int b = lowerBand[k];
            out[b] += (1 - frac[k]) * p;
            out[b + 1] += frac[k] * p;
        }
    }

    /** Per-bin gains from per-band gains by linear interpolation between band centres. */
    public void interpolate(float[] bandGains, float[] binGains) {
        for (int k = 0; k < bins; k++) {
            int b = lowerBand[k];
            binGains[k] = (1 - frac[k]) * bandGains[b] + frac[k] * bandGains[b + 1];
        }
    }
}
