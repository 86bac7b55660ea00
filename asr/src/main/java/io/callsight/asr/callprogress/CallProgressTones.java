package io.callsight.asr.callprogress;

import java.util.List;

/**
 * Synthesizes call-progress signals at 8 kHz as a network or a far-end device would send them: cadenced plan tones,
 * SIT, fax/modem tones and voicemail beeps. Used to test {@link CallProgressDetector} and to build the dial-status
 * benchmark set; a call simulator can play them too.
 *
 * <p>Levels are RMS dBFS (re 32768) per frequency component: US ringback is specified at -19 dBm0 per frequency,
 * which is about -22 dBFS on a G.711 line (0 dBm0 is 3.17 dB below μ-law full scale). Every burst has 5 ms
 * raised-cosine edges, as tone generators do (a hard switch would splash energy over the whole band). Output is
 * float samples on the PCM16 scale, deterministic for the arguments.
 */
public final class CallProgressTones {
    public static final int SAMPLE_RATE = 8000;
    private static final double RAMP_MS = 5;

    private CallProgressTones() {
    }

    /**
     * {@code spec} for {@code durationMs}, starting {@code phaseMs} into its cadence cycle (so the audio may begin
     * in the middle of a burst or a gap), every frequency multiplied by {@code 1 + drift}.
     */
    public static float[] cadenced(ToneSpec spec, int durationMs, int phaseMs, double levelDb, double drift) {
        int[] cadence = spec.cadenceMs();
        int cycle = 0;
        for (int ms : cadence) {
            cycle += ms;
        }
        int n = samples(durationMs);
        float[] out = new float[n];
        double[] hz = spec.hz();
        double amplitude = amplitude(levelDb);
        double[] phase = new double[hz.length];
        for (int i = 0; i < n; i++) {
            double tMs = (i * 1000.0 / SAMPLE_RATE + phaseMs) % cycle;
            double envelope = cadenceEnvelope(cadence, tMs);
            double s = 0;
            for (int j = 0; j < hz.length; j++) {
                phase[j] += 2 * Math.PI * hz[j] * (1 + drift) / SAMPLE_RATE;
                s += Math.sin(phase[j]);
            }
            out[i] = (float) (amplitude * envelope * s);
        }
        return out;
    }

    /**
     * A special information tone: three segments back to back (Telcordia allows at most 4 ms between them; none
     * here), then {@code silenceAfterMs} of silence.
     */
    public static float[] sit(double[] hz, int[] segmentMs, int silenceAfterMs, double levelDb, double drift) {
        if (hz.length != 3 || segmentMs.length != 3) {
            throw new IllegalArgumentException("a SIT has three segments");
        }
        int total = segmentMs[0] + segmentMs[1] + segmentMs[2];
        float[] out = new float[samples(total + silenceAfterMs)];
        int at = 0;
        double phase = 0;
        for (int s = 0; s < 3; s++) {
            int len = samples(segmentMs[s]);
            for (int i = 0; i < len; i++) {
                // continuous phase across segments, as a SIT generator switches frequency without a gap
                phase += 2 * Math.PI * hz[s] * (1 + drift) / SAMPLE_RATE;
                double env = ramp(i, len);
                if (s > 0 && i < len / 2) {
                    env = 1; // no dip between segments: only the first rises and the last falls
                }
                if (s < 2 && i >= len / 2) {
                    env = 1;
                }
                out[at + i] = (float) (amplitude(levelDb) * env * Math.sin(phase));
            }
            at += len;
        }
        return out;
    }

    /** The Telcordia segment frequencies and durations of a SIT category (ITU_T: 950/1400/1800 Hz, 330 ms each). */
    public static SitCode sitCode(SitCategory category) {
        return switch (category) {
            case INTERCEPT -> new SitCode(new double[] {913.8, 1370.6, 1776.7}, new int[] {274, 274, 380});
            case NO_CIRCUIT -> new SitCode(new double[] {985.2, 1428.5, 1776.7}, new int[] {380, 380, 380});
            case VACANT_CODE -> new SitCode(new double[] {985.2, 1370.6, 1776.7}, new int[] {380, 274, 380});
            case REORDER -> new SitCode(new double[] {913.8, 1428.5, 1776.7}, new int[] {274, 380, 380});
            case ITU_T -> new SitCode(new double[] {950, 1400, 1800}, new int[] {330, 330, 330});
            case UNKNOWN -> throw new IllegalArgumentException("UNKNOWN has no coding");
        };
    }

    /** Frequencies and durations of the three SIT segments. */
    public record SitCode(double[] hz, int[] segmentMs) {
    }

    /**
     * Answer tone of a fax or modem: CED (2100 Hz, ITU-T T.30/V.25) for {@code durationMs}; with {@code ansam},
     * V.8's ANSam: 15 Hz amplitude modulation of 20 % and a phase reversal every 450 ms.
     */
    public static float[] answerTone(int durationMs, double levelDb, double drift, boolean ansam) {
        int n = samples(durationMs);
        float[] out = new float[n];
        double phase = 0;
        int reversal = samples(450);
        for (int i = 0; i < n; i++) {
            phase += 2 * Math.PI * 2100 * (1 + drift) / SAMPLE_RATE;
            double s = Math.sin(phase + (ansam && (i / reversal) % 2 == 1 ? Math.PI : 0));
            double am = ansam ? 1 + 0.2 * Math.sin(2 * Math.PI * 15 * i / SAMPLE_RATE) : 1;
            out[i] = (float) (amplitude(levelDb) * ramp(i, n) * am * s);
        }
        return out;
    }

    /** Calling tone of a fax (CNG, ITU-T T.30): 1100 Hz, 0.5 s on, 3 s off, starting {@code phaseMs} into the cycle. */
    public static float[] callingTone(int durationMs, int phaseMs, double levelDb, double drift) {
        return cadenced(ToneSpec.of("CNG", ToneKind.BUSY, new double[] {1100}, 500, 3000), durationMs, phaseMs, levelDb, drift);
    }

    /** A voicemail beep: one pure tone. */
    public static float[] beep(double hz, int durationMs, double levelDb) {
        int n = samples(durationMs);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (amplitude(levelDb) * ramp(i, n) * Math.sin(2 * Math.PI * hz * i / SAMPLE_RATE));
        }
        return out;
    }

    public static float[] silence(int durationMs) {
        return new float[samples(durationMs)];
    }

    /** The pieces one after the other. */
    public static float[] concat(List<float[]> parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] out = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    public static int samples(int ms) {
        return (int) ((long) ms * SAMPLE_RATE / 1000);
    }

    /** Peak amplitude of a sine whose RMS is {@code levelDb} dBFS. */
    public static double amplitude(double levelDb) {
        return 32768 * Math.sqrt(2) * Math.pow(10, levelDb / 20);
    }

    /** 0..1 envelope at {@code tMs} into a cycle of alternating on/off durations, with raised-cosine edges. */
    private static double cadenceEnvelope(int[] cadence, double tMs) {
        double start = 0;
        for (int p = 0; p < cadence.length; p += 2) {
            double on = cadence[p];
            if (tMs < start + on) {
                if (tMs < start) {
                    return 0;
                }
                double into = tMs - start;
                double left = start + on - tMs;
                return edge(Math.min(into, left));
            }
            start += on + cadence[p + 1];
            if (tMs < start) {
                return 0;
            }
        }
        return 0;
    }

    private static double ramp(int i, int n) {
        double ms = Math.min(i, n - 1 - i) * 1000.0 / SAMPLE_RATE;
        return edge(ms);
    }

    private static double edge(double msFromEdge) {
        if (msFromEdge >= RAMP_MS) {
            return 1;
        }
        return 0.5 - 0.5 * Math.cos(Math.PI * Math.max(0, msFromEdge) / RAMP_MS);
    }
}
