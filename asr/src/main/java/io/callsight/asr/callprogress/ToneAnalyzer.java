package io.callsight.asr.callprogress;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns 8 kHz audio into one {@link ToneFrame} per 20 ms: frame level, the dominant pure tone (512-point FFT of a
 * 50 ms Hann window, peak interpolated), and which plan tone, if any, the window holds (Goertzel at each nominal
 * frequency, normalized so a clean tone scores 1: the share of the window's energy on that frequency).
 *
 * <p>Why 50 ms: the closest frequencies that must be told apart are US ringback's 440 and 480 Hz. A Hann window of
 * 400 samples has its first spectral null exactly 40 Hz from the centre, so each of the two Goertzel filters sees
 * its own tone and none of the other (with 20 ms, the two would leak into each other and beat within the window).
 * Tone edges are then smeared by up to ±25 ms, which the cadence tolerances allow for.
 *
 * <p>Not thread safe: one per call.
 */
public final class ToneAnalyzer {
    public static final int SAMPLE_RATE = 8000;
    public static final int HOP = 160;
    public static final int WINDOW = 400;
    private static final int FFT_SIZE = 512;
    private static final double MIN_PEAK_HZ = 300;
    private static final double MAX_PEAK_HZ = 3400;
    /** ±3 bins of 15.6 Hz cover the Hann main lobe (±2.56 bins for 400 samples in 512). */
    private static final int PEAK_HALF_WIDTH = 3;
    private static final double DC_POLE = 0.995;

    private final CallProgressConfig.Tones thresholds;
    private final List<double[]> planTones;
    private final Goertzel[][] filters;
    private final double[] window = new double[WINDOW];
    private final double goertzelNorm;
    private final Fft fft = new Fft(FFT_SIZE);
    private final double[] history = new double[WINDOW];
    private final double[] windowed = new double[WINDOW];
    private final double[] re = new double[FFT_SIZE];
    private final double[] im = new double[FFT_SIZE];
    private final double[] power = new double[FFT_SIZE / 2 + 1];
    private final int minBin;
    private final int maxBin;
    private double dcIn;
    private double dcOut;
    private long frames;

    /** Listens for the distinct frequency sets of {@code plans}. */
    public ToneAnalyzer(List<TonePlan> plans, CallProgressConfig.Tones thresholds) {
        this.thresholds = thresholds;
        this.planTones = distinctFrequencySets(plans);
        this.filters = new Goertzel[planTones.size()][];
        for (int k = 0; k < planTones.size(); k++) {
            double[] hz = planTones.get(k);
            filters[k] = new Goertzel[hz.length];
            for (int j = 0; j < hz.length; j++) {
                filters[k][j] = new Goertzel(hz[j], SAMPLE_RATE);
            }
        }
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < WINDOW; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / WINDOW);
            sum += window[i];
            sumSquares += window[i] * window[i];
        }
        // |X(f)|² of a windowed tone of amplitude A is A²(Σw)²/4 and the windowed energy A²Σw²/2, so this factor
        // makes |X(f)|²/energy equal 1 for a clean tone at f.
        this.goertzelNorm = 2 * sumSquares / (sum * sum);
        this.minBin = (int) Math.ceil(MIN_PEAK_HZ * FFT_SIZE / SAMPLE_RATE);
        this.maxBin = (int) Math.floor(MAX_PEAK_HZ * FFT_SIZE / SAMPLE_RATE);
    }

    /** The frequency sets {@link ToneFrame#planTone()} indexes: each distinct set of the plans' tones once. */
    public List<double[]> planTones() {
        List<double[]> copy = new ArrayList<>(planTones.size());
        for (double[] hz : planTones) {
            copy.add(hz.clone());
        }
        return copy;
    }

    /** Index of {@code spec}'s frequencies in {@link #planTones()}. */
    public int planToneOf(ToneSpec spec) {
        double[] hz = spec.hz();
        for (int k = 0; k < planTones.size(); k++) {
            if (java.util.Arrays.equals(planTones.get(k), hz)) {
                return k;
            }
        }
        throw new IllegalArgumentException(spec + " is not in this analyzer's plans");
    }

    /** Analyses the next {@link #HOP} samples of {@code pcm} starting at {@code offset}. */
    public ToneFrame analyze(short[] pcm, int offset) {
        System.arraycopy(history, HOP, history, 0, WINDOW - HOP);
        double frameEnergy = 0;
        for (int i = 0; i < HOP; i++) {
            double x = pcm[offset + i];
            // one-pole DC blocker (corner ~6 Hz): a DC offset would otherwise count as non-tone energy
            dcOut = x - dcIn + DC_POLE * dcOut;
            dcIn = x;
            history[WINDOW - HOP + i] = dcOut;
            frameEnergy += dcOut * dcOut;
        }
        double levelDb = frameEnergy <= 0 ? -120 : Math.max(-120, 10 * Math.log10(frameEnergy / HOP / (32768.0 * 32768.0)));

        double energy = 0;
        for (int i = 0; i < WINDOW; i++) {
            windowed[i] = history[i] * window[i];
            energy += windowed[i] * windowed[i];
        }
        long index = frames++;
        double windowLevelDb = energy <= 0 ? -120 : 10 * Math.log10(energy / WINDOW / 0.375 / (32768.0 * 32768.0));
        if (energy <= 0 || windowLevelDb < thresholds.minLevelDb()) {
            return new ToneFrame(index, levelDb, 0, 0, -1, 0);
        }

        java.util.Arrays.fill(re, 0);
        java.util.Arrays.fill(im, 0);
        System.arraycopy(windowed, 0, re, 0, WINDOW);
        fft.transform(re, im);
        double total = 0;
        int peak = minBin;
        for (int k = 0; k <= FFT_SIZE / 2; k++) {
            power[k] = re[k] * re[k] + im[k] * im[k];
            total += power[k];
            if (k >= minBin && k <= maxBin && power[k] > power[peak]) {
                peak = k;
            }
        }
        double inPeak = 0;
        for (int k = Math.max(0, peak - PEAK_HALF_WIDTH); k <= Math.min(FFT_SIZE / 2, peak + PEAK_HALF_WIDTH); k++) {
            inPeak += power[k];
        }
        double dominantShare = total > 0 ? inPeak / total : 0;
        double dominantHz = interpolatedPeak(peak) * SAMPLE_RATE / FFT_SIZE;

        int bestTone = -1;
        double bestShare = 0;
        for (int k = 0; k < planTones.size(); k++) {
            double share = planToneShare(k, energy, dominantHz, dominantShare);
            if (share > bestShare) {
                bestShare = share;
                bestTone = k;
            }
        }
        return new ToneFrame(index, levelDb, dominantHz, dominantShare, bestTone, bestTone < 0 ? 0 : bestShare);
    }

    /** The share of plan tone {@code k} if the window holds it by the thresholds, else 0. */
    private double planToneShare(int k, double energy, double dominantHz, double dominantShare) {
        double[] hz = planTones.get(k);
        if (hz.length == 1) {
            // a single frequency: the dominant peak must be it (a Goertzel at one frequency cannot tell a clean
            // 400 Hz tone from 425 Hz, 1 bin apart, but the interpolated peak can)
            double tolerance = Math.max(6, thresholds.frequencyTolerance() * hz[0]);
            return Math.abs(dominantHz - hz[0]) <= tolerance && dominantShare >= thresholds.minShare() ? dominantShare : 0;
        }
        double a = goertzelNorm * filters[k][0].power(windowed, 0, WINDOW) / energy;
        double b = goertzelNorm * filters[k][1].power(windowed, 0, WINDOW) / energy;
        double twistDb = 10 * Math.log10(Math.max(a, 1e-12) / Math.max(b, 1e-12));
        boolean present = a >= thresholds.minComponentShare() && b >= thresholds.minComponentShare()
                && a + b >= thresholds.minShare() && Math.abs(twistDb) <= thresholds.maxTwistDb();
        return present ? Math.min(1, a + b) : 0;
    }

    /** Peak position in bins, refined by a parabola through the log powers of the peak and its neighbours. */
    private double interpolatedPeak(int k) {
        if (k <= 0 || k >= FFT_SIZE / 2) {
            return k;
        }
        double a = Math.log(power[k - 1] + 1e-12);
        double b = Math.log(power[k] + 1e-12);
        double c = Math.log(power[k + 1] + 1e-12);
        double denominator = a - 2 * b + c;
        if (denominator >= 0) {
            return k;
        }
        double delta = 0.5 * (a - c) / denominator;
        return k + Math.max(-0.5, Math.min(0.5, delta));
    }

    private static List<double[]> distinctFrequencySets(List<TonePlan> plans) {
        List<double[]> sets = new ArrayList<>();
        for (TonePlan plan : plans) {
            for (ToneSpec spec : plan.tones()) {
                double[] hz = spec.hz();
                if (sets.stream().noneMatch(s -> java.util.Arrays.equals(s, hz))) {
                    sets.add(hz);
                }
            }
        }
        return List.copyOf(sets);
    }
}
