package io.callsight.archive.bench;

import io.callsight.asr.audio.Pcm;
import io.callsight.events.AudioCodec;
import io.callsight.events.AudioFrame;
import io.callsight.events.Track;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Calls as the speech job receives them: 20 ms G.711 μ-law frames at 8 kHz, customer and agent taking turns.
 * Speech is synthetic but shaped like speech (a glottal pulse train at a drifting pitch through three formant
 * resonators, syllable-rate loudness, fricative noise, pauses), and the side not talking carries line noise, not
 * digital silence: so the archive sees bytes with the entropy of real μ-law calls, not runs of 0xFF that any
 * compressor or cache would flatter. Encryption cost does not depend on the content; file sizes and write cost do.
 */
public final class SyntheticCalls {
    public static final int SAMPLE_RATE = 8000;
    public static final int FRAME_MS = 20;
    private static final int FRAME_SAMPLES = SAMPLE_RATE * FRAME_MS / 1000;

    private SyntheticCalls() {
    }

    /** Both tracks of a call lasting {@code durationMs}, in frame order per track; the same seed gives the same call. */
    public static List<AudioFrame> frames(String tenant, String callId, long durationMs, long seed) {
        int samples = (int) (durationMs * SAMPLE_RATE / 1000);
        short[][] sides = conversation(samples, new SplittableRandom(seed));
        List<AudioFrame> out = new ArrayList<>(2 * (samples / FRAME_SAMPLES + 1));
        Track[] tracks = {Track.CUSTOMER, Track.AGENT};
        for (int t = 0; t < 2; t++) {
            long seq = 0;
            for (int at = 0; at < samples; at += FRAME_SAMPLES) {
                short[] pcm = Arrays.copyOfRange(sides[t], at, Math.min(samples, at + FRAME_SAMPLES));
                out.add(new AudioFrame(tenant, callId, tracks[t], seq, (long) at * 1000 / SAMPLE_RATE, AudioCodec.PCMU,
                        SAMPLE_RATE, Pcm.encode(AudioCodec.PCMU, pcm), false));
                seq++;
            }
        }
        return out;
    }

    /** Only the customer's side (an IVR call nobody answered, a voicemail). */
    public static List<AudioFrame> customerOnly(String tenant, String callId, long durationMs, long seed) {
        return frames(tenant, callId, durationMs, seed).stream().filter(f -> f.track() == Track.CUSTOMER).toList();
    }

    /** Two sides taking turns of 1-8 s with short overlaps and gaps. */
    static short[][] conversation(int samples, SplittableRandom random) {
        short[][] sides = {new short[samples], new short[samples]};
        Voice[] voices = {new Voice(random.nextDouble(170, 230), random), new Voice(random.nextDouble(95, 140), random)};
        int speaker = random.nextInt(2);
        int at = 0;
        while (at < samples) {
            int turn = (int) (random.nextDouble(1.0, 8.0) * SAMPLE_RATE);
            int end = Math.min(samples, at + turn);
            voices[speaker].speak(sides[speaker], at, end);
            at = end + (int) (random.nextDouble(-0.2, 0.6) * SAMPLE_RATE); // overlap or pause before the reply
            at = Math.max(at, end - SAMPLE_RATE / 5);
            speaker = 1 - speaker;
        }
        for (short[] side : sides) {
            lineNoise(side, random);
        }
        return sides;
    }

    private static void lineNoise(short[] side, SplittableRandom random) {
        for (int i = 0; i < side.length; i++) {
            side[i] = clip(side[i] + random.nextGaussian() * 30);
        }
    }

    private static short clip(double v) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
    }

    /** A source-filter voice: cheap enough to render hours of audio in a second or two. */
    private static final class Voice {
        private final double pitch;
        private final SplittableRandom random;

        Voice(double pitch, SplittableRandom random) {
            this.pitch = pitch;
            this.random = random;
        }

        void speak(short[] out, int from, int to) {
            Resonator f1 = new Resonator();
            Resonator f2 = new Resonator();
            Resonator f3 = new Resonator();
            double phase = 0;
            int syllableEnd = from;
            double loudness = 0;
            boolean fricative = false;
            for (int i = from; i < to; i++) {
                if (i >= syllableEnd) { // a new syllable: new vowel, loudness, maybe a consonant or a short pause
                    syllableEnd = i + (int) (random.nextDouble(0.12, 0.35) * SAMPLE_RATE);
                    loudness = random.nextDouble() < 0.12 ? 0 : random.nextDouble(2000, 7000);
                    fricative = random.nextDouble() < 0.25;
                    f1.tune(random.nextDouble(300, 850), 90);
                    f2.tune(random.nextDouble(900, 2300), 120);
                    f3.tune(random.nextDouble(2400, 3200), 160);
                }
                double f0 = pitch * (1 + 0.08 * Math.sin(2 * Math.PI * i / (SAMPLE_RATE * 1.7)));
                phase += f0 / SAMPLE_RATE;
                double source;
                if (fricative) {
                    source = random.nextGaussian() * 0.3;
                } else if (phase >= 1) {
                    phase -= 1;
                    source = 1;
                } else {
                    source = 0;
                }
                double voiced = f1.next(source) + 0.6 * f2.next(source) + 0.3 * f3.next(source);
                int left = syllableEnd - i;
                double envelope = Math.min(1, Math.min(left, i - from + 1) / 160.0); // 20 ms attack and release
                out[i] = clip(out[i] + voiced * loudness * envelope * 0.4);
            }
        }
    }

    /** A two-pole resonator (one formant). */
    private static final class Resonator {
        private double a1;
        private double a2;
        private double gain;
        private double y1;
        private double y2;

        void tune(double frequency, double bandwidth) {
            double r = Math.exp(-Math.PI * bandwidth / SAMPLE_RATE);
            a1 = 2 * r * Math.cos(2 * Math.PI * frequency / SAMPLE_RATE);
            a2 = -r * r;
            gain = 1 - r;
        }

        double next(double x) {
            double y = gain * x * 40 + a1 * y1 + a2 * y2;
            y2 = y1;
            y1 = y;
            return y;
        }
    }
}
