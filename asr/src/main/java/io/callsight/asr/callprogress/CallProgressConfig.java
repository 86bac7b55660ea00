package io.callsight.asr.callprogress;

import io.callsight.asr.vad.VadMode;
import java.util.List;
import java.util.Objects;

/**
 * Every threshold of {@link CallProgressDetector}, grouped by the part that uses it. {@link #defaults()} says
 * where each value comes from; the benchmark ({@code callsight bench dial}) measures what they give.
 *
 * @param plans         tone plans listened for (all at once)
 * @param tones         tone presence and cadence matching
 * @param special       special information tones and fax/modem tones
 * @param amd           live person vs answering machine vs silence, after the answer
 * @param beep          the voicemail beep
 * @param voicemail     when to start the voicemail message if no beep comes
 * @param ringTimeoutMs ringing (or no progress at all) for this long from the first ring: {@link DialStatus#NO_ANSWER}
 */
public record CallProgressConfig(List<TonePlan> plans, Tones tones, SpecialTones special, Amd amd,
        BeepDetector.Config beep, Voicemail voicemail, int ringTimeoutMs) {

    public CallProgressConfig {
        plans = List.copyOf(plans);
        if (plans.isEmpty()) {
            throw new IllegalArgumentException("at least one tone plan is needed");
        }
        Objects.requireNonNull(tones, "tones");
        Objects.requireNonNull(special, "special");
        Objects.requireNonNull(amd, "amd");
        Objects.requireNonNull(beep, "beep");
        Objects.requireNonNull(voicemail, "voicemail");
        positive("ringTimeoutMs", ringTimeoutMs);
    }

    /**
     * US, UK and EU tone plans and the defaults of each part (see their {@code defaults()}); NO_ANSWER after 30 s
     * of ringing, about six US rings, which is where most diallers give up (a voicemail usually answers after
     * four or five).
     */
    public static CallProgressConfig defaults() {
        return new CallProgressConfig(TonePlan.defaults(), Tones.defaults(), SpecialTones.defaults(), Amd.defaults(),
                BeepDetector.Config.defaults(), Voicemail.defaults(), 30_000);
    }

    public CallProgressConfig withPlans(List<TonePlan> newPlans) {
        return new CallProgressConfig(newPlans, tones, special, amd, beep, voicemail, ringTimeoutMs);
    }

    public CallProgressConfig withAmd(Amd newAmd) {
        return new CallProgressConfig(plans, tones, special, newAmd, beep, voicemail, ringTimeoutMs);
    }

    public CallProgressConfig withRingTimeoutMs(int ms) {
        return new CallProgressConfig(plans, tones, special, amd, beep, voicemail, ms);
    }

    /**
     * When a 50 ms analysis window holds a tone of a plan, and when a run of such windows matches a cadence.
     *
     * @param minShare           share of the window's energy the tone's frequencies must hold (both together for
     *                           a dual tone); 1 for a clean tone
     * @param minComponentShare  share each frequency of a dual tone must hold on its own
     * @param maxTwistDb         largest level difference between the two frequencies of a dual tone
     * @param minLevelDb         quietest window (dBFS, RMS re 32768) that can hold a tone
     * @param frequencyTolerance relative deviation allowed for single-frequency tones (dual tones are measured at
     *                           their nominal frequencies, where a small offset costs little energy)
     * @param minOnMs            shortest run of tone windows that counts as a tone burst
     * @param gapBridgeMs        a dropout this short inside a burst does not end it
     * @param cadenceTolerance   relative tolerance of each measured on/off duration against the plan's
     * @param cadenceSlackMs     absolute tolerance added to it (window smearing, 20 ms frames)
     * @param busyBursts         complete bursts (with the gaps between them) needed to call a line busy
     * @param ringbackMinOnMs    a burst of ringback frequencies must last this long before it counts as ringing
     */
    public record Tones(double minShare, double minComponentShare, double maxTwistDb, double minLevelDb,
            double frequencyTolerance, int minOnMs, int gapBridgeMs, double cadenceTolerance, int cadenceSlackMs,
            int busyBursts, int ringbackMinOnMs) {
        public Tones {
            share("minShare", minShare);
            share("minComponentShare", minComponentShare);
            positive("maxTwistDb", maxTwistDb);
            positive("frequencyTolerance", frequencyTolerance);
            positive("minOnMs", minOnMs);
            nonNegative("gapBridgeMs", gapBridgeMs);
            positive("cadenceTolerance", cadenceTolerance);
            nonNegative("cadenceSlackMs", cadenceSlackMs);
            if (busyBursts < 2) {
                throw new IllegalArgumentException("busyBursts must be >= 2 (one burst has no cadence), got " + busyBursts);
            }
            positive("ringbackMinOnMs", ringbackMinOnMs);
        }

        /**
         * Share 0.6: a clean tone holds ~0.98 of the window (the rest is Hann leakage outside ±3 bins), a tone 5 dB
         * above white noise still ~0.75, while voiced speech rarely puts 60 % of a window on one or two exact
         * frequencies, and never for the 60 ms a burst needs. Each dual component 0.15 and twist 10 dB: carriers
         * send both at the same level (-19 dBm0 each for US ringback) and a line's slope tilts them a few dB.
         * Level -50 dBFS: ringback is specified at -19 dBm0 per frequency (about -22 dBFS), so 28 dB of loss is
         * still heard. Frequency ±1.5 %: tone generators hold ±0.5 %, and 1.5 % still keeps 400 Hz (UK) and 425 Hz
         * (EU) apart. A burst needs 60 ms and survives 100 ms dropouts (noise bursts at low SNR); the shortest
         * gap in any plan is the UK double ring's 200 ms, so a bridge of 100 ms never merges two real bursts.
         * Cadence ±20 % + 80 ms: plans allow ±10 % and the 50 ms window smears each edge by up to 40 ms.
         * Two busy bursts (about 1.5 s): one burst plus its gap is also what a cut-off ring looks like. Ringback
         * after 300 ms: ringback frequencies are never busy frequencies in the US and UK plans (the 425 Hz
         * plans are separated by the cadence rule in {@link CallProgressDetector}).
         */
        public static Tones defaults() {
            return new Tones(0.6, 0.15, 10, -50, 0.015, 60, 100, 0.2, 80, 2, 300);
        }
    }

    /**
     * Special information tones (Telcordia SR-2275 coding; ITU-T E.180/Q.35 variant accepted) and fax/modem tones
     * (ITU-T T.30 CNG and CED, V.25/V.8 answer tone).
     *
     * @param minShare       share of the window the tone must hold
     * @param sitMinMs       shortest SIT segment (Telcordia: 274 ms ±5 %; ITU: 330 ± 70 ms)
     * @param sitMaxMs       longest SIT segment (Telcordia 380 ms ±5 %; ITU 400 ms)
     * @param sitMaxGapMs    largest gap between segments (Telcordia ≤ 4 ms, ITU ≤ 30 ms, plus window smearing)
     * @param cedMinMs       2100 Hz this long at the answer is a fax or modem (CED lasts 2.6–4 s)
     * @param cedMinShare    share of the window the 2100 Hz tone must hold (lower than for other tones: ANSam's
     *                       amplitude modulation and phase reversals spread it)
     * @param cedToleranceHz allowed deviation from 2100 Hz (V.25: ±15 Hz)
     * @param cngToleranceHz allowed deviation from 1100 Hz (T.30: ±38 Hz)
     * @param cngBursts      CNG bursts (0.5 s on, 3 s off) needed
     */
    public record SpecialTones(double minShare, int sitMinMs, int sitMaxMs, int sitMaxGapMs, int cedMinMs,
            double cedMinShare, double cedToleranceHz, double cngToleranceHz, int cngBursts) {
        public SpecialTones {
            share("minShare", minShare);
            positive("sitMinMs", sitMinMs);
            if (sitMaxMs <= sitMinMs) {
                throw new IllegalArgumentException("sitMaxMs must exceed sitMinMs");
            }
            nonNegative("sitMaxGapMs", sitMaxGapMs);
            positive("cedMinMs", cedMinMs);
            share("cedMinShare", cedMinShare);
            positive("cedToleranceHz", cedToleranceHz);
            positive("cngToleranceHz", cngToleranceHz);
            if (cngBursts < 1) {
                throw new IllegalArgumentException("cngBursts must be >= 1");
            }
        }

        /**
         * SIT segments 180–480 ms apart by at most 100 ms: the standards' ranges widened by the 50 ms window on
         * each edge. CED after 800 ms: a voicemail beep is shorter than that and comes after a greeting (fax is
         * only called when no speech was heard), and 0.8 s is well inside the 2.6 s minimum CED. ±30 Hz for
         * CED: V.25's ±15 Hz plus drift; its share 0.45, since a 2100 Hz peak holding half of a window for
         * 0.8 s is nothing a voice does. Two CNG bursts (decided about 4 s after the first): a single 0.5 s
         * 1100 Hz burst is also what a "beep only" voicemail sounds like.
         */
        public static SpecialTones defaults() {
            return new SpecialTones(0.6, 180, 480, 100, 800, 0.45, 30, 38, 2);
        }
    }

    /**
     * Answering-machine detection from speech and silence after the answer, in the manner of Asterisk's
     * {@code app_amd} (whose defaults are initial silence 2.5 s, greeting 1.5 s, after-greeting silence 0.8 s,
     * analysis 5 s).
     *
     * @param vadMode           aggressiveness of the WebRTC-style VAD that marks speech
     * @param minSpeechMs       a speech run shorter than this (a click, a breath) is not speech
     * @param machineGreetingMs a greeting (speech with pauses shorter than {@code humanSilenceMs}) this long is a
     *                          machine
     * @param humanSilenceMs    this much silence after a shorter greeting is a live person waiting for an answer
     * @param noSpeechMs        this long without speech or tone after the answer: silence, {@link DialStatus#NO_ANSWER}
     * @param maxAnalysisMs     decide by this time after the answer whatever was heard
     */
    public record Amd(VadMode vadMode, int minSpeechMs, int machineGreetingMs, int humanSilenceMs, int noSpeechMs,
            int maxAnalysisMs) {
        public Amd {
            Objects.requireNonNull(vadMode, "vadMode");
            positive("minSpeechMs", minSpeechMs);
            positive("machineGreetingMs", machineGreetingMs);
            positive("humanSilenceMs", humanSilenceMs);
            positive("noSpeechMs", noSpeechMs);
            positive("maxAnalysisMs", maxAnalysisMs);
        }

        /**
         * Greeting 2.2 s rather than Asterisk's 1.5 s: measured on MaryTTS, "Hello, who's calling?" spans 1.8 s
         * (the comma is a 0.4 s pause) and "Hi, this is Dana." 1.5 s, while the shortest voicemail greeting with
         * a name ("Hi, it's Sam. Leave a message.") spans 2.5 s; 1.5 s would call the first two machines. After
         * the greeting 1.0 s of silence rather than 0.8 s: MaryTTS pauses up to 0.5 s at a comma or full stop, and at
         * 10 dB SNR the VAD loses the soft edges of the words around it, so 0.8 s split greetings; a beep heard inside
         * that second turns a short greeting into a machine (the benchmark puts the beep 0.2–0.9 s after the
         * greeting, an assumption: no recordings of real voicemail systems were at hand); a person who said "hello?"
         * waits longer than a second for an answer. Silence 4 s: people speak within a second or two of picking
         * up. Min speech 100 ms is Asterisk's minimum word length. Decide within 5 s, the product's target.
         */
        public static Amd defaults() {
            return new Amd(VadMode.AGGRESSIVE, 100, 2200, 1000, 4000, 5000);
        }

        public Amd withMachineGreetingMs(int ms) {
            return new Amd(vadMode, minSpeechMs, ms, humanSilenceMs, noSpeechMs, maxAnalysisMs);
        }

        public Amd withHumanSilenceMs(int ms) {
            return new Amd(vadMode, minSpeechMs, machineGreetingMs, ms, noSpeechMs, maxAnalysisMs);
        }
    }

    /**
     * When to start the voicemail message if no beep is heard.
     *
     * @param messageSilenceMs  silence after the last speech of the greeting with no beep: start anyway
     * @param greetingTimeoutMs the greeting (from the answer) has gone on this long: start anyway
     */
    public record Voicemail(int messageSilenceMs, int greetingTimeoutMs) {
        public Voicemail {
            positive("messageSilenceMs", messageSilenceMs);
            positive("greetingTimeoutMs", greetingTimeoutMs);
        }

        /**
         * 2.5 s: a beep is expected within about a second of the greeting's last word (an assumption, see
         * {@link Amd#defaults()}), so 2.5 s of silence means there is none, and if one comes later the message loses at
         * most its first words. 30 s covers the longest greetings (company menus).
         */
        public static Voicemail defaults() {
            return new Voicemail(2500, 30_000);
        }
    }

    static void positive(String name, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    static void nonNegative(String name, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
    }

    static void share(String name, double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1], got " + value);
        }
    }
}
