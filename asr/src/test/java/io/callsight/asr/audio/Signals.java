package io.callsight.asr.audio;

/** Test signals and measurements for audio tests. */
final class Signals {
    private Signals() {
    }

    static short[] sine(double amplitude, double freq, int rate, int n) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * freq * i / rate));
        }
        return s;
    }

    /** Linear chirp from f0 to f1 Hz over n samples, as doubles (the ideal signal). */
    static double chirpAt(double amplitude, double f0, double f1, double durationS, double t) {
        double k = (f1 - f0) / durationS;
        return amplitude * Math.sin(2 * Math.PI * (f0 * t + 0.5 * k * t * t));
    }

    static short[] chirp(double amplitude, double f0, double f1, int rate, int n) {
        double duration = (double) n / rate;
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) Math.round(chirpAt(amplitude, f0, f1, duration, (double) i / rate));
        }
        return s;
    }

    /**
     * Amplitude of the component at {@code freq} in {@code x[from, from+n)}, by correlation with sine and
     * cosine (a Goertzel/DFT bin at an arbitrary frequency). Exact for a pure tone when n spans whole cycles,
     * and within a fraction of a percent when it spans many.
     */
    static double amplitude(short[] x, int from, int n, double freq, int rate) {
        double re = 0;
        double im = 0;
        for (int i = 0; i < n; i++) {
            double phase = 2 * Math.PI * freq * (from + i) / rate;
            re += x[from + i] * Math.cos(phase);
            im += x[from + i] * Math.sin(phase);
        }
        return 2 * Math.hypot(re, im) / n;
    }

    /** Goertzel power at {@code freq} over x[from, from+n). */
    static double goertzelPower(short[] x, int from, int n, double freq, int rate) {
        double w = 2 * Math.PI * freq / rate;
        double coeff = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            double s0 = x[from + i] + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - coeff * s1 * s2;
    }

    static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }

    static double rms(short[] x, int from, int n) {
        double sum = 0;
        for (int i = from; i < from + n; i++) {
            sum += (double) x[i] * x[i];
        }
        return Math.sqrt(sum / n);
    }
}
