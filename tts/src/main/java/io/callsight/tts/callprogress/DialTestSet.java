package io.callsight.tts.callprogress;

import io.callsight.asr.audio.Resampler;
import io.callsight.asr.callprogress.CallProgressTones;
import io.callsight.asr.callprogress.DialStatus;
import io.callsight.asr.callprogress.SitCategory;
import io.callsight.asr.callprogress.ToneKind;
import io.callsight.asr.callprogress.TonePlan;
import io.callsight.asr.callprogress.ToneSpec;
import io.callsight.asr.noise.NoiseType;
import io.callsight.asr.noise.PhoneLine;
import io.callsight.tts.SilenceTrimmer;
import io.callsight.tts.SpeechSynthesizer;
import io.callsight.tts.Voice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A seeded, reproducible set of outbound calls for dial-status detection: what the far end sends from the moment
 * the call is placed, through a simulated line (white or pink noise at a chosen SNR, G.711 μ-law).
 *
 * <ul>
 *   <li>live answers: ringback (US, UK or EU; 1–3 rings, answered mid-ring or in a gap) or no early media, a
 *       pick-up pause, a short greeting ({@link #LIVE_ANSWERS}) in one of the five {@link Voice}s, silence, and
 *       half the time a second "Hello?";</li>
 *   <li>voicemail: the same prefixes, a greeting of 2.5–9 s ({@link #VOICEMAIL_GREETINGS}), then a beep (400–1800
 *       Hz, 0.2–1 s, 0.2–0.9 s after the greeting) in 85 % of cases;</li>
 *   <li>busy and congestion tones of the three plans, starting anywhere in their cadence;</li>
 *   <li>SIT (the four Telcordia categories and the ITU-T tone) followed by a spoken announcement;</li>
 *   <li>fax and modem: CED, ANSam or CNG after the answer;</li>
 *   <li>no answer: ringback until past the ring timeout, or ringback then an answered line that stays silent.</li>
 * </ul>
 *
 * <p>Tones carry a frequency error of up to ±0.5 % and levels of -26 to -14 dBFS per frequency; speech is set to
 * -26 to -16 dBFS active level. The SNR is against the active parts of the whole call ({@code Mixer}).
 *
 * <p>With {@link Options#hardCases} a few cases are added that timing rules cannot get right, reported apart: a
 * person answering with a long business greeting, a voicemail greeting as short as "Please leave a message." with
 * no beep, a beep-only voicemail, and a silent answer with no ringback before it.
 *
 * <p>Reproducible for a seed: the tones and noise exactly; speech as far as the synthesizer is (MaryTTS is for the
 * prosody voices, the caller voices with audio effects can differ in a few samples, see {@link Voice}).
 */
public final class DialTestSet {
    public static final int SAMPLE_RATE = 8000;
    private static final double AUDIBLE_RANGE_DB = 35;

    /** Live answers: all under 2 s as MaryTTS speaks them (1.8 s for "Hello, who's calling?"). */
    public static final List<String> LIVE_ANSWERS = List.of("Hello?", "Hello.", "Yes, hello?", "Hi, this is Dana.",
            "Hello, who's calling?", "Dana speaking.", "Hey, what's up?", "Hi.", "Yeah?");

    /** Voicemail greetings: 2.5 s ("Hi, it's Sam. Leave a message.") to about 9 s. */
    public static final List<String> VOICEMAIL_GREETINGS = List.of(
            "Hi, it's Sam. Leave a message.",
            "You've reached Dana. Please leave a message after the tone.",
            "Hi, you've reached Sam Parker, I can't take your call right now, please leave a message after the tone.",
            "The person you are calling is not available. Please leave your message after the tone.",
            "Hello, you have reached the voicemail of Alex Morgan. I am away from my desk. Please leave your name and"
                    + " number and I will call you back.",
            "Thanks for calling. Nobody can take your call. Leave a message after the beep.",
            "Hey, this is Chris. Sorry I missed you, leave a message.",
            "The number you have called is not available. At the tone, please record your message.");

    public static final String SIT_ANNOUNCEMENT = "We're sorry, the number you have dialed is not in service."
            + " Please check the number and dial again.";
    public static final String LONG_LIVE_ANSWER = "Good afternoon, Parker and Sons, this is Dana speaking, how can I help you?";
    public static final String SHORT_VOICEMAIL = "Please leave a message.";

    private static final double[] BEEP_HZ = {1000, 1000, 1000, 850, 1400, 440, 600, 1800};
    private static final SitCategory[] SIT_CATEGORIES = {SitCategory.INTERCEPT, SitCategory.NO_CIRCUIT,
            SitCategory.VACANT_CODE, SitCategory.REORDER, SitCategory.ITU_T};

    /**
     * @param cases         calls in the main set (at least 7: one of each kind)
     * @param seed          everything random derives from it
     * @param snrsDb        SNRs cycled through within each kind (+Infinity: no noise, still μ-law)
     * @param ringTimeoutMs the detector's ring timeout: calls that ring out ring past it
     * @param hardCases     add the hard cases (about one per 12 main cases, at least 4)
     */
    public record Options(int cases, long seed, List<Double> snrsDb, int ringTimeoutMs, boolean hardCases) {
        public Options {
            if (cases < 7) {
                throw new IllegalArgumentException("need at least 7 cases (one per kind), got " + cases);
            }
            snrsDb = List.copyOf(snrsDb);
            if (snrsDb.isEmpty()) {
                throw new IllegalArgumentException("need at least one SNR");
            }
            if (ringTimeoutMs <= 0) {
                throw new IllegalArgumentException("ringTimeoutMs must be > 0");
            }
        }
    }

    /** Share of each kind in the main set. */
    private enum Kind {
        HUMAN(0.25), MACHINE(0.25), BUSY(0.10), SIT(0.10), FAX(0.10), RING_OUT(0.08), SILENT(0.12);

        final double share;

        Kind(double share) {
            this.share = share;
        }
    }

    private final SpeechSynthesizer synthesizer;
    private final Map<String, short[]> speechCache = new HashMap<>();

    public DialTestSet(SpeechSynthesizer synthesizer) {
        this.synthesizer = Objects.requireNonNull(synthesizer, "synthesizer");
    }

    /** Main cases (then hard ones, if asked), in a fixed order; {@code progress} hears about each synthesis. */
    public List<DialCase> generate(Options options, Consumer<String> progress) {
        SplittableRandom master = new SplittableRandom(options.seed());
        int[] counts = counts(options.cases());
        List<DialCase> out = new ArrayList<>(options.cases());
        int[] voiceTurn = {0};
        for (Kind kind : Kind.values()) {
            for (int i = 0; i < counts[kind.ordinal()]; i++) {
                SplittableRandom r = master.split();
                double snr = options.snrsDb().get(i % options.snrsDb().size());
                NoiseType noise = (i / options.snrsDb().size()) % 2 == 0 ? NoiseType.WHITE : NoiseType.PINK;
                String id = kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-" + String.format(Locale.ROOT, "%03d", i);
                Line line = new Line(snr, noise, r.nextLong());
                TonePlan plan = TonePlan.defaults().get(r.nextInt(3));
                Voice voice = Voice.values()[Math.floorMod(voiceTurn[0]++ + r.nextInt(2), Voice.values().length)];
                out.add(switch (kind) {
                    case HUMAN -> human(id, r, plan, LIVE_ANSWERS.get(i % LIVE_ANSWERS.size()), voice, line, progress, false);
                    case MACHINE -> machine(id, r, plan, VOICEMAIL_GREETINGS.get(i % VOICEMAIL_GREETINGS.size()), voice,
                            r.nextDouble() < 0.85, line, progress, false);
                    case BUSY -> busy(id, r, plan, line);
                    case SIT -> sit(id, r, SIT_CATEGORIES[i % SIT_CATEGORIES.length], line, progress);
                    case FAX -> fax(id, r, plan, i % 5, line);
                    case RING_OUT -> ringOut(id, r, plan, options.ringTimeoutMs(), line);
                    case SILENT -> silentAnswer(id, r, plan, line);
                });
            }
        }
        if (options.hardCases()) {
            int hard = Math.max(4, options.cases() / 12);
            for (int i = 0; i < hard; i++) {
                SplittableRandom r = master.split();
                double snr = options.snrsDb().get(i % options.snrsDb().size());
                Line line = new Line(snr, i % 2 == 0 ? NoiseType.WHITE : NoiseType.PINK, r.nextLong());
                TonePlan plan = TonePlan.defaults().get(r.nextInt(3));
                Voice voice = Voice.values()[r.nextInt(Voice.values().length)];
                String id = String.format(Locale.ROOT, "hard-%03d", i);
                out.add(switch (i % 4) {
                    case 0 -> human(id, r, plan, LONG_LIVE_ANSWER, voice, line, progress, true);
                    case 1 -> machine(id, r, plan, SHORT_VOICEMAIL, voice, false, line, progress, true);
                    case 2 -> beepOnly(id, r, plan, line);
                    default -> silentWithoutRingback(id, r, line);
                });
            }
        }
        return out;
    }

    /** How many cases of each kind: the shares of {@code total}, at least one each, the rest to live answers. */
    static int[] counts(int total) {
        Kind[] kinds = Kind.values();
        int[] counts = new int[kinds.length];
        int sum = 0;
        for (Kind k : kinds) {
            counts[k.ordinal()] = Math.max(1, (int) Math.floor(total * k.share));
            sum += counts[k.ordinal()];
        }
        counts[Kind.HUMAN.ordinal()] += total - sum;
        return counts;
    }

    // ---- the kinds of call ----

    DialCase human(String id, SplittableRandom r, TonePlan plan, String text, Voice voice, Line line,
            Consumer<String> progress, boolean hard) {
        Prefix prefix = prefix(r, plan, true);
        float[] greeting = speech(text, voice, r, progress);
        List<float[]> parts = new ArrayList<>(List.of(prefix.audio, CallProgressTones.silence(ms(r, 200, 1000)), greeting,
                CallProgressTones.silence(ms(r, 1500, 3000))));
        if (r.nextBoolean()) {
            parts.add(scaleLike(speech("Hello?", voice, r, progress), greeting));
        }
        float[] audio = padTo(CallProgressTones.concat(parts), prefix.answerMs + 8000);
        String what = String.format(Locale.ROOT, "%s, %s \"%s\"", prefix.what, voice, text);
        return line.deliver(id, DialStatus.ANSWERED_HUMAN, hard, audio, prefix.answerMs, prefix.answerMs, -1, -1,
                prefix.ringback, what);
    }

    DialCase machine(String id, SplittableRandom r, TonePlan plan, String text, Voice voice, boolean withBeep, Line line,
            Consumer<String> progress, boolean hard) {
        Prefix prefix = prefix(r, plan, true);
        float[] greeting = speech(text, voice, r, progress);
        int initialSilence = ms(r, 200, 1200);
        long greetingEnd = prefix.answerMs + initialSilence + greeting.length / 8;
        List<float[]> parts = new ArrayList<>(List.of(prefix.audio, CallProgressTones.silence(initialSilence), greeting));
        long beepEnd = -1;
        String beepWhat = "no beep";
        if (withBeep) {
            int gap = ms(r, 200, 900);
            double hz = BEEP_HZ[r.nextInt(BEEP_HZ.length)];
            int beepMs = ms(r, 200, 1000);
            double level = activeLevelDb(greeting) + (r.nextDouble() * 9 - 6);
            parts.add(CallProgressTones.silence(gap));
            parts.add(CallProgressTones.beep(hz, beepMs, level));
            beepEnd = greetingEnd + gap + beepMs;
            beepWhat = String.format(Locale.ROOT, "beep %.0f Hz %d ms after %d ms", hz, beepMs, gap);
        }
        float[] audio = padTo(CallProgressTones.concat(parts), (withBeep ? beepEnd : greetingEnd) + 5000);
        String what = String.format(Locale.ROOT, "%s, %s \"%s\", %s", prefix.what, voice, text, beepWhat);
        return line.deliver(id, DialStatus.ANSWERED_MACHINE, hard, audio, prefix.answerMs, prefix.answerMs, greetingEnd,
                beepEnd, prefix.ringback, what);
    }

    DialCase busy(String id, SplittableRandom r, TonePlan plan, Line line) {
        ToneSpec spec = plan.tone(r.nextDouble() < 0.7 ? ToneKind.BUSY : ToneKind.CONGESTION);
        int lead = ms(r, 0, 800);
        int phase = r.nextInt(cycleMs(spec));
        float[] tone = CallProgressTones.cadenced(spec, 6000, phase, toneLevel(r), drift(r));
        float[] audio = CallProgressTones.concat(List.of(CallProgressTones.silence(lead), tone));
        long onset = lead + firstOnMs(spec, phase);
        String what = String.format(Locale.ROOT, "%s from %d ms into its cycle", spec.name(), phase);
        return line.deliver(id, DialStatus.BUSY, false, audio, onset, -1, -1, -1, false, what);
    }

    DialCase sit(String id, SplittableRandom r, SitCategory category, Line line, Consumer<String> progress) {
        CallProgressTones.SitCode code = CallProgressTones.sitCode(category);
        int lead = ms(r, 200, 1000);
        float[] sit = CallProgressTones.sit(code.hz(), code.segmentMs(), ms(r, 100, 300), toneLevel(r), drift(r) / 2);
        Voice voice = r.nextBoolean() ? Voice.CUSTOMER : Voice.AGENT;
        float[] announcement = speech(SIT_ANNOUNCEMENT, voice, r, progress);
        float[] audio = CallProgressTones.concat(List.of(CallProgressTones.silence(lead), sit, announcement,
                CallProgressTones.silence(1000)));
        return line.deliver(id, DialStatus.SIT, false, audio, lead, -1, -1, -1, false, "SIT " + category + ", announcement");
    }

    DialCase fax(String id, SplittableRandom r, TonePlan plan, int variant, Line line) {
        Prefix prefix = prefix(r, plan, true);
        int delay = ms(r, 100, 600);
        float[] tone;
        String what;
        if (variant < 3) {
            boolean ansam = variant == 1;
            int duration = ms(r, 2600, 4000);
            tone = CallProgressTones.answerTone(duration, toneLevel(r) + 6, drift(r) / 2, ansam);
            what = (ansam ? "ANSam" : "CED") + " " + duration + " ms";
        } else {
            tone = CallProgressTones.callingTone(8000, 0, toneLevel(r) + 6, drift(r));
            what = "CNG";
        }
        float[] audio = padTo(CallProgressTones.concat(List.of(prefix.audio, CallProgressTones.silence(delay), tone)),
                prefix.answerMs + 6000);
        return line.deliver(id, DialStatus.FAX, false, audio, prefix.answerMs, prefix.answerMs, -1, -1,
                prefix.ringback, prefix.what + ", " + what);
    }

    DialCase ringOut(String id, SplittableRandom r, TonePlan plan, int ringTimeoutMs, Line line) {
        ToneSpec spec = plan.tone(ToneKind.RINGBACK);
        int phase = r.nextBoolean() ? 0 : r.nextInt(cycleMs(spec));
        long firstRing = firstOnMs(spec, phase);
        float[] audio = CallProgressTones.cadenced(spec, (int) firstRing + ringTimeoutMs + 3000, phase, toneLevel(r), drift(r));
        return line.deliver(id, DialStatus.NO_ANSWER, false, audio, firstRing + ringTimeoutMs, -1, -1, -1, true,
                spec.name() + " until past the ring timeout");
    }

    DialCase silentAnswer(String id, SplittableRandom r, TonePlan plan, Line line) {
        Prefix prefix = prefix(r, plan, false);
        float[] audio = padTo(prefix.audio, prefix.answerMs + 8000);
        return line.deliver(id, DialStatus.NO_ANSWER, false, audio, prefix.answerMs, prefix.answerMs, -1, -1,
                prefix.ringback, prefix.what + ", then silence");
    }

    DialCase beepOnly(String id, SplittableRandom r, TonePlan plan, Line line) {
        Prefix prefix = prefix(r, plan, false);
        int delay = ms(r, 200, 800);
        int beepMs = ms(r, 300, 800);
        float[] audio = padTo(CallProgressTones.concat(List.of(prefix.audio, CallProgressTones.silence(delay),
                CallProgressTones.beep(1000, beepMs, -20))), prefix.answerMs + 8000);
        long beepEnd = prefix.answerMs + delay + beepMs;
        return line.deliver(id, DialStatus.ANSWERED_MACHINE, true, audio, prefix.answerMs, prefix.answerMs, -1, beepEnd,
                prefix.ringback, prefix.what + ", beep only");
    }

    DialCase silentWithoutRingback(String id, SplittableRandom r, Line line) {
        int answer = ms(r, 300, 1500);
        float[] audio = CallProgressTones.silence(answer + 10_000);
        return line.deliver(id, DialStatus.NO_ANSWER, true, audio, answer, answer, -1, -1, false,
                "no early media, answered at " + answer + " ms, silence");
    }

    // ---- building blocks ----

    /** What comes before the answer. */
    private record Prefix(float[] audio, long answerMs, boolean ringback, String what) {
    }

    /**
     * Ringback with 1–3 rings from a random point of its cycle, cut by the answer inside a ring (70 %) or in a gap;
     * or (when allowed, 20 %) no early media: silence until the answer.
     */
    private Prefix prefix(SplittableRandom r, TonePlan plan, boolean allowSilent) {
        if (allowSilent && r.nextDouble() < 0.2) {
            int answer = ms(r, 300, 1500);
            return new Prefix(CallProgressTones.silence(answer), answer, false, "no early media");
        }
        ToneSpec spec = plan.tone(ToneKind.RINGBACK);
        int phase = r.nextBoolean() ? 0 : r.nextInt(cycleMs(spec));
        int rings = 1 + r.nextInt(3);
        List<long[]> bursts = bursts(spec, phase, rings + 1);
        long[] ring = bursts.get(rings - 1);
        long answer;
        if (r.nextDouble() < 0.7) {
            answer = ring[0] + Math.round((ring[1] - ring[0]) * (0.1 + 0.8 * r.nextDouble()));
        } else {
            long[] next = bursts.get(rings);
            answer = ring[1] + Math.round((next[0] - ring[1]) * (0.1 + 0.8 * r.nextDouble()));
        }
        answer = Math.max(answer, 300);
        float[] audio = CallProgressTones.cadenced(spec, (int) answer, phase, toneLevel(r), drift(r));
        return new Prefix(audio, answer, true, String.format(Locale.ROOT, "%s %d ring(s), answered at %d ms", spec.name(), rings, answer));
    }

    /** On intervals {start, end} (ms of audio) of the first {@code count} bursts when the cadence starts at {@code phaseMs}. */
    static List<long[]> bursts(ToneSpec spec, int phaseMs, int count) {
        int[] cadence = spec.cadenceMs();
        List<long[]> out = new ArrayList<>();
        long t = -phaseMs;
        for (int i = 0; out.size() < count; i = (i + 2) % cadence.length) {
            long start = t;
            long end = t + cadence[i];
            if (end > 0) {
                out.add(new long[] {Math.max(0, start), end});
            }
            t = end + cadence[i + 1];
        }
        return out;
    }

    private static long firstOnMs(ToneSpec spec, int phaseMs) {
        return bursts(spec, phaseMs, 1).get(0)[0];
    }

    private static int cycleMs(ToneSpec spec) {
        int sum = 0;
        for (int ms : spec.cadenceMs()) {
            sum += ms;
        }
        return sum;
    }

    /** Synthesized, at 8 kHz, trimmed of the engine's leading and trailing silence, at -26 to -16 dBFS active level. */
    private float[] speech(String text, Voice voice, SplittableRandom r, Consumer<String> progress) {
        String key = voice + "|" + text;
        short[] pcm = speechCache.get(key);
        if (pcm == null) {
            progress.accept("synthesizing " + voice + " \"" + text + "\"");
            short[] raw = synthesizer.synthesize(text, voice);
            short[] narrow = Resampler.resample(raw, synthesizer.sampleRate(), SAMPLE_RATE);
            pcm = audible(SilenceTrimmer.trim(narrow, SAMPLE_RATE));
            speechCache.put(key, pcm);
        }
        float[] out = new float[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            out[i] = pcm[i];
        }
        return scaleTo(out, -26 + 10 * r.nextDouble());
    }

    /**
     * Cut to the audible part: from the first to the last 10 ms frame within {@value #AUDIBLE_RANGE_DB} dB of the
     * loudest. MaryTTS ends an utterance with up to 0.5 s of breath-level tail (above {@link SilenceTrimmer}'s
     * -50 dBFS, 30 dB under the speech): left in, it would make a "0.3 s pause before the beep" 0.8 s long.
     */
    static short[] audible(short[] pcm) {
        int frames = pcm.length / 80;
        double[] e = new double[frames];
        double max = 0;
        for (int f = 0; f < frames; f++) {
            for (int i = f * 80; i < f * 80 + 80; i++) {
                e[f] += (double) pcm[i] * pcm[i];
            }
            max = Math.max(max, e[f]);
        }
        double threshold = max * Math.pow(10, -AUDIBLE_RANGE_DB / 10);
        int first = 0;
        while (first < frames && e[first] < threshold) {
            first++;
        }
        int last = frames - 1;
        while (last > first && e[last] < threshold) {
            last--;
        }
        if (first >= frames) {
            return pcm;
        }
        return java.util.Arrays.copyOfRange(pcm, Math.max(0, first * 80 - 160), Math.min(pcm.length, (last + 1) * 80 + 160));
    }

    /** Distinct utterances synthesized so far. */
    public int syntheses() {
        return speechCache.size();
    }

    private static float[] scaleLike(float[] x, float[] reference) {
        return scaleTo(x, activeLevelDb(reference));
    }

    private static float[] scaleTo(float[] x, double levelDb) {
        double current = activeLevelDb(x);
        if (Double.isInfinite(current)) {
            return x;
        }
        float gain = (float) Math.pow(10, (levelDb - current) / 20);
        for (int i = 0; i < x.length; i++) {
            x[i] *= gain;
        }
        return x;
    }

    /** RMS level (dBFS) of the 10 ms frames within 40 dB of the loudest, as Mixer measures SNR. */
    static double activeLevelDb(float[] x) {
        int frames = x.length / 80;
        double[] e = new double[frames];
        double max = 0;
        for (int f = 0; f < frames; f++) {
            double s = 0;
            for (int i = f * 80; i < f * 80 + 80; i++) {
                s += (double) x[i] * x[i];
            }
            e[f] = s / 80;
            max = Math.max(max, e[f]);
        }
        double sum = 0;
        int n = 0;
        for (double v : e) {
            if (v >= max * 1e-4 && v > 0) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NEGATIVE_INFINITY : 10 * Math.log10(sum / n / (32768.0 * 32768.0));
    }

    private static float[] padTo(float[] x, long totalMs) {
        int n = (int) (totalMs * SAMPLE_RATE / 1000);
        return n <= x.length ? x : java.util.Arrays.copyOf(x, n);
    }

    private static int ms(SplittableRandom r, int from, int to) {
        return from + r.nextInt(to - from + 1);
    }

    private static double toneLevel(SplittableRandom r) {
        return -26 + 12 * r.nextDouble();
    }

    private static double drift(SplittableRandom r) {
        return (r.nextDouble() * 2 - 1) * 0.005;
    }

    /** The simulated line a case goes through. */
    record Line(double snrDb, NoiseType noise, long seed) {
        DialCase deliver(String id, DialStatus expected, boolean hard, float[] audio, long onsetMs, long answeredAtMs,
                long greetingEndMs, long beepEndMs, boolean ringback, String what) {
            short[] pcm;
            if (Double.isInfinite(snrDb)) {
                pcm = PhoneLine.atSnr(audio, noise, snrDb, seed, true);
            } else if (Double.isInfinite(DialTestSet.activeLevelDb(audio))) {
                // nothing but silence: put the noise where it would be under a -20 dBFS signal
                pcm = PhoneLine.atLevel(audio, noise, -20 - snrDb, seed, true);
            } else {
                pcm = PhoneLine.atSnr(audio, noise, snrDb, seed, true);
            }
            String description = String.format(Locale.ROOT, "%s; %s noise at %s, μ-law", what,
                    noise.name().toLowerCase(Locale.ROOT), Double.isInfinite(snrDb) ? "no SNR (clean)" : snrDb + " dB SNR");
            return new DialCase(id, expected, hard, pcm, onsetMs, answeredAtMs, greetingEndMs, beepEndMs,
                    ringback, snrDb, description);
        }
    }
}
