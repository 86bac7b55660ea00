package io.callsight.asr.vad;

import java.util.Random;

/** Synthetic test audio: speech-like harmonic signals, noises, mixing at a given SNR. */
final class VadSignals {
    private VadSignals() {
    }

    /**
     * Voiced-speech stand-in: harmonics of a gliding f0 (100–250 Hz), shaped by three formant resonances and
     * amplitude-modulated at a syllable rate of ~4 Hz, peak {@code amplitude}.
     */
    static double[] speechLike(int rate, int samples, double f0, double amplitude, long seed) {
        Random random = new Random(seed);
        double[] formants = {500 + 300 * random.nextDouble(), 1200 + 600 * random.nextDouble(),
                2400 + 400 * random.nextDouble()};
        double syllableHz = 3 + 2 * random.nextDouble();
        double[] out = new double[samples];
        double phase = 0;
        double peak = 1e-9;
        for (int i = 0; i < samples; i++) {
            double t = (double) i / rate;
            double pitch = f0 * (1 + 0.15 * Math.sin(2 * Math.PI * 0.7 * t));
            phase += 2 * Math.PI * pitch / rate;
            double sum = 0;
            for (int h = 1; h * pitch < rate / 2.0 * 0.9; h++) {
                double f = h * pitch;
                double gain = 0;
                for (double formant : formants) {
                    double bw = 80 + formant * 0.08;
                    gain += 1 / (1 + Math.pow((f - formant) / bw, 2));
                }
                sum += gain * Math.sin(h * phase) / Math.sqrt(h);
            }
            double envelope = 0.25 + 0.75 * Math.abs(Math.sin(Math.PI * syllableHz * t));
            out[i] = sum * envelope;
            peak = Math.max(peak, Math.abs(out[i]));
        }
        for (int i = 0; i < samples; i++) {
            out[i] *= amplitude / peak;
        }
        return out;
    }

    static double[] white(int samples, long seed) {
        Random random = new Random(seed);
        double[] out = new double[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = random.nextGaussian();
        }
        return out;
    }

    /** Pink (1/f) noise from Paul Kellet's refined filter over white noise. */
    static double[] pink(int samples, long seed) {
        Random random = new Random(seed);
        double[] out = new double[samples];
        double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
        for (int i = 0; i < samples; i++) {
            double w = random.nextGaussian();
            b0 = 0.99886 * b0 + w * 0.0555179;
            b1 = 0.99332 * b1 + w * 0.0750759;
            b2 = 0.96900 * b2 + w * 0.1538520;
            b3 = 0.86650 * b3 + w * 0.3104856;
            b4 = 0.55000 * b4 + w * 0.5329522;
            b5 = -0.7616 * b5 - w * 0.0168980;
            out[i] = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362;
            b6 = w * 0.115926;
        }
        return out;
    }

    /** Mains hum: 50 Hz with decaying odd and even harmonics. */
    static double[] hum(int rate, int samples) {
        double[] out = new double[samples];
        for (int i = 0; i < samples; i++) {
            double t = (double) i / rate;
            for (int h = 1; h <= 6; h++) {
                out[i] += Math.sin(2 * Math.PI * 50 * h * t + h) / h;
            }
        }
        return out;
    }

    static double rms(double[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += x[i] * x[i];
        }
        return Math.sqrt(sum / Math.max(1, to - from));
    }

    /** Scales {@code noise} to {@code noiseRms}. */
    static double[] scaled(double[] noise, double noiseRms) {
        double r = rms(noise, 0, noise.length);
        double[] out = new double[noise.length];
        for (int i = 0; i < noise.length; i++) {
            out[i] = noise[i] * noiseRms / r;
        }
        return out;
    }

    static short[] toPcm(double[] x) {
        short[] out = new short[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(x[i])));
        }
        return out;
    }

    static double[] toDouble(short[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i];
        }
        return out;
    }

    static double[] add(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }
}
