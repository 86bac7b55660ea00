package io.callsight.asr.callprogress;

/**
 * Power of one frequency in a block of samples by the Goertzel recurrence: one multiply-add per sample instead
 * of a whole spectrum, which is what call-progress detection needs (a handful of known tone frequencies).
 *
 * <p>The frequency need not fall on a DFT bin: the final step evaluates the DTFT at exactly {@code hz}, so
 * 440 and 480 Hz are measured where they are rather than at the nearest multiple of the bin spacing.
 */
public final class Goertzel {
    private final double coefficient;
    private final double cosine;
    private final double sine;

    public Goertzel(double hz, int sampleRate) {
        if (sampleRate <= 0 || hz < 0 || hz > sampleRate / 2.0) {
            throw new IllegalArgumentException("need 0 <= hz <= sampleRate/2, got " + hz + " Hz at " + sampleRate);
        }
        double w = 2 * Math.PI * hz / sampleRate;
        this.cosine = Math.cos(w);
        this.sine = Math.sin(w);
        this.coefficient = 2 * cosine;
    }

    /**
     * |X(hz)|² of {@code x[offset, offset + n)}: for a sinusoid of amplitude A spanning the block it is about
     * (A·n/2)², or (A·Σw/2)² if the block was multiplied by a window w.
     */
    public double power(double[] x, int offset, int n) {
        double s1 = 0;
        double s2 = 0;
        for (int i = offset, end = offset + n; i < end; i++) {
            double s0 = x[i] + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        // X = s1 - e^{-iw} s2 (up to a phase factor that |X|² does not see)
        double re = s1 - cosine * s2;
        double im = sine * s2;
        return re * re + im * im;
    }

    public double power(double[] x) {
        return power(x, 0, x.length);
    }

    /** One-off measurement without keeping the filter. */
    public static double measure(double[] x, double hz, int sampleRate) {
        return new Goertzel(hz, sampleRate).power(x);
    }
}
