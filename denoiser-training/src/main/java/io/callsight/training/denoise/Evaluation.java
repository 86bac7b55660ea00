package io.callsight.training.denoise;

import io.callsight.asr.denoise.GruModel;
import io.callsight.asr.denoise.NoiseSuppressor;
import io.callsight.asr.noise.Mixer;
import io.callsight.asr.noise.NoiseType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores none / Wiener / RNN on held-out speech: output SNR per noise type at 0, 5, 10 and 20 dB (noise
 * seeds never used in training), and CPU time per 10 ms frame of each suppressor.
 */
public final class Evaluation {
    private Evaluation() {
    }

    public static Map<String, Object> run(GruModel model, String version, List<float[]> heldOut, long seed) {
        List<float[]> utts = utterances(heldOut);
        List<NoiseSuppressor> sups = TrainDenoiser.suppressors(model, version);
        Map<String, Object> out = new LinkedHashMap<>();
        System.out.printf(Locale.ROOT, "%-7s %5s | %7s %7s %7s | (output SNR dB, %d held-out utterances)%n", "noise", "SNR",
                "none", "wiener", "rnn", utts.size());
        double[] grand = new double[sups.size()];
        int cells = 0;
        for (NoiseType type : NoiseType.values()) {
            for (int snr : new int[] {0, 5, 10, 20}) {
                double[] sum = new double[sups.size()];
                for (int u = 0; u < utts.size(); u++) {
                    float[] clean = utts.get(u);
                    float[] noise = TrainDenoiser.noiseFor(type, clean.length, 9_000_000L + seed * 1000 + u * 31 + snr, heldOut);
                    short[] noisy = Mixer.toPcm(Mixer.mix(clean, noise, snr).noisy());
                    for (int s = 0; s < sups.size(); s++) {
                        sum[s] += TrainDenoiser.snr(clean, sups.get(s).processAll(noisy));
                    }
                }
                Map<String, Object> cell = new LinkedHashMap<>();
                for (int s = 0; s < sups.size(); s++) {
                    sum[s] /= utts.size();
                    grand[s] += sum[s];
                    cell.put(sups.get(s).name().startsWith("rnn") ? "rnn" : sups.get(s).name(), TrainDenoiser.round(sum[s]));
                }
                cells++;
                out.put(type.name().toLowerCase(Locale.ROOT) + "@" + snr, cell);
                System.out.printf(Locale.ROOT, "%-7s %5d | %7.2f %7.2f %7.2f%n", type, snr, sum[0], sum[1], sum[2]);
            }
        }
        System.out.printf(Locale.ROOT, "%-13s | %7.2f %7.2f %7.2f%n", "mean", grand[0] / cells, grand[1] / cells, grand[2] / cells);
        Map<String, Object> mean = new LinkedHashMap<>();
        mean.put("none", TrainDenoiser.round(grand[0] / cells));
        mean.put("wiener", TrainDenoiser.round(grand[1] / cells));
        mean.put("rnn", TrainDenoiser.round(grand[2] / cells));
        out.put("mean", mean);
        // clean input: how much the suppressors damage clean speech (output SNR vs the clean input itself)
        Map<String, Object> clean = new LinkedHashMap<>();
        for (NoiseSuppressor s : sups) {
            double sum = 0;
            for (float[] c : utts) {
                sum += TrainDenoiser.snr(c, s.processAll(Mixer.toPcm(c)));
            }
            clean.put(s.name().startsWith("rnn") ? "rnn" : s.name(), TrainDenoiser.round(sum / utts.size()));
        }
        out.put("clean_input_snr", clean);
        System.out.println("clean input, output SNR vs clean: " + clean);
        Map<String, Object> cpu = new LinkedHashMap<>();
        for (NoiseSuppressor s : sups) {
            cpu.put(s.name().startsWith("rnn") ? "rnn" : s.name(), TrainDenoiser.round(microsPerFrame(s)));
        }
        out.put("cpu_us_per_10ms", cpu);
        System.out.println("CPU µs per 10 ms frame: " + cpu);
        return out;
    }

    /** Held-out evaluation set: concatenate short utterances (digits) into ~3 s items; keep up to 12. */
    static List<float[]> utterances(List<float[]> heldOut) {
        List<float[]> out = new ArrayList<>();
        float[] acc = new float[0];
        for (float[] s : heldOut) {
            if (s.length >= MixtureData.RATE * 2) {
                if (out.size() < 6) {
                    out.add(s);
                }
                continue;
            }
            float[] next = java.util.Arrays.copyOf(acc, acc.length + s.length + MixtureData.RATE / 10);
            System.arraycopy(s, 0, next, acc.length, s.length);
            acc = next;
            if (acc.length >= MixtureData.RATE * 3) {
                if (out.size() < 12) {
                    out.add(acc);
                }
                acc = new float[0];
            }
        }
        return out;
    }

    static double microsPerFrame(NoiseSuppressor s) {
        short[] x = new short[MixtureData.RATE * 20];
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = (short) (r.nextGaussian() * 3000);
        }
        s.processAll(x); // warm-up (JIT)
        s.processAll(x);
        long t0 = System.nanoTime();
        int reps = 3;
        for (int i = 0; i < reps; i++) {
            s.processAll(x);
        }
        double frames = reps * x.length / (MixtureData.RATE / 100.0);
        return (System.nanoTime() - t0) / 1e3 / frames;
    }
}
