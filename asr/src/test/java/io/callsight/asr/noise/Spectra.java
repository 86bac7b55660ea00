package io.callsight.asr.noise;

/** Test helper: Welch power spectra with a small radix-2 FFT. */
public final class Spectra {
    private static final int N = 2048;

    private Spectra() {
    }

    /** Mean power in [lo, hi) Hz from a Hann-windowed Welch estimate (2048-point, 50% overlap). */
    public static double bandPower(float[] x, int rate, double lo, double hi) {
        double[] psd = new double[N / 2 + 1];
        double[] re = new double[N];
        double[] im = new double[N];
        int frames = 0;
        for (int start = 0; start + N <= x.length; start += N / 2) {
            for (int i = 0; i < N; i++) {
                double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / N);
                re[i] = x[start + i] * w;
                im[i] = 0;
            }
            fft(re, im);
            for (int k = 0; k <= N / 2; k++) {
                psd[k] += re[k] * re[k] + im[k] * im[k];
            }
            frames++;
        }
        double s = 0;
        for (int k = 0; k <= N / 2; k++) {
            double f = (double) k * rate / N;
            if (f >= lo && f < hi) {
                s += psd[k];
            }
        }
        return s / Math.max(1, frames);
    }

    static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i]; re[i] = re[j]; re[j] = t;
                t = im[i]; im[i] = im[j]; im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double ang = -2 * Math.PI / len;
            for (int i = 0; i < n; i += len) {
                for (int j = 0; j < len / 2; j++) {
                    double wr = Math.cos(ang * j), wi = Math.sin(ang * j);
                    int a = i + j, b = i + j + len / 2;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr; im[b] = im[a] - xi;
                    re[a] += xr; im[a] += xi;
                }
            }
        }
    }
}
