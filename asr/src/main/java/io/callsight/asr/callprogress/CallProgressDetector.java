package io.callsight.asr.callprogress;

import io.callsight.asr.audio.G711;
import io.callsight.asr.vad.FrameDecision;
import io.callsight.asr.vad.VoiceActivityDetector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Call-progress and dial-status detection for one outbound call, streaming: feed the far end's audio (8 kHz
 * 16-bit PCM or μ-law, any chunking, usually 20 ms frames) from the moment the call is placed, and get
 * {@link CallProgressEvent}s as soon as they are certain: {@link DialStatus#RINGING} as progress, then one final
 * status ({@code ANSWERED_HUMAN}, {@code ANSWERED_MACHINE}, {@code BUSY}, {@code SIT}, {@code FAX},
 * {@code NO_ANSWER}) with its {@link Evidence}, and after a machine the {@link CallProgressEvent.LeaveMessage} cue.
 *
 * <p>Three listeners share one analysis per 20 ms frame ({@link ToneAnalyzer}):
 * <ul>
 *   <li>plan tones (ringback, busy, congestion of every {@link TonePlan}) by frequency and cadence;</li>
 *   <li>special tones: SIT ({@link SitDetector}), fax/modem ({@link FaxDetector}), the voicemail beep
 *       ({@link BeepDetector});</li>
 *   <li>speech after the answer ({@link VoiceActivityDetector}, frames holding a steady tone masked out) for
 *       answering-machine detection ({@link GreetingAnalyzer}).</li>
 * </ul>
 *
 * <p>The answer: if the signalling knows it (SIP 200 OK, a media-stream "answered" event), call
 * {@link #answered()}. Otherwise it is inferred from the audio: a ringback burst cut short, the next ring not
 * coming, or the first sound that is not a call-progress tone. Silence after an answer that nothing revealed
 * (no ringback heard, no signal) cannot be told from a line that is still ringing silently: that case ends as
 * {@code NO_ANSWER} only at the ring timeout.
 *
 * <p>Speech flags reach the greeting analysis {@value #MASK_DELAY_FRAMES} frames (160 ms) late, so that a steady
 * tone is recognized (and masked) before its first frames are taken for a voice: every AMD decision carries those
 * 160 ms.
 *
 * <p>Not thread safe: one detector per call.
 */
public final class CallProgressDetector {
    public static final int SAMPLE_RATE = ToneAnalyzer.SAMPLE_RATE;
    /** Frames a speech flag waits for the tone mask. */
    static final int MASK_DELAY_FRAMES = 8;
    /** A steady pure tone this many frames long is a tone, not a voice, for the speech analysis. */
    private static final int MASK_MIN_FRAMES = 6;
    private static final double MASK_MIN_SHARE = 0.5;
    /** A steady tone moves by at most this much between frames (or 4 Hz) ... */
    private static final double MASK_STABILITY = 0.005;
    /** ... and by at most this much over its run (or 6 Hz): a tone's frequency does not glide, a vowel's pitch does. */
    private static final double MASK_DRIFT = 0.008;
    /** Frames before a steady tone's first that the window's smearing of its onset reaches. */
    private static final int MASK_EDGE_FRAMES = 2;
    /** A steady tone resuming at its frequency within this many frames was one tone. */
    private static final int MASK_BRIDGE_FRAMES = 2;
    /** Speech must stand this far above the line's noise floor (2 s sliding minimum of frame levels). */
    private static final double SPEECH_ABOVE_FLOOR_DB = 6;
    private static final int FLOOR_WINDOW_FRAMES = 100;
    /** A lone tone after the answer longer than this is no beep-only voicemail (a CED is decided at 0.8 s anyway). */
    private static final int BEEP_ONLY_MAX_MS = 1500;

    private final CallProgressConfig config;
    private final ToneAnalyzer analyzer;
    private final VoiceActivityDetector vad;
    private final BurstTracker[] planBursts;
    private final List<ToneSpec> specs = new ArrayList<>();
    private final List<Integer> specKeys = new ArrayList<>();
    private final long[] ringThresholdMs;
    /** Per plan tone: the longest gap its ringback may leave between rings (0 if no ringback uses it). */
    private final long[] ringMaxOffMs;
    private final SitDetector sit;
    private final FaxDetector fax;
    private final BeepDetector beeps;
    private final short[] pending = new short[ToneAnalyzer.HOP];
    private int pendingCount;
    private final Deque<DelayedFrame> delayed = new ArrayDeque<>();
    private final LevelFloor floor = new LevelFloor(FLOOR_WINDOW_FRAMES);

    private long frames;
    private CallProgressEvent.Status progress;
    private CallProgressEvent.Status decision;
    private CallProgressEvent.LeaveMessage cue;
    private boolean finished;

    private int ringSpec = -1;
    private long firstRingMs = -1;
    private int rings;

    private long answeredAtMs = -1;
    private AnswerSource answerSource;
    private GreetingAnalyzer greeting;
    private int preAnswerRun;
    private long preAnswerRunStart;

    private long lastToneMs = Long.MIN_VALUE;
    private int steadyRun;
    private double steadyHz;
    private double steadyStartHz;
    private long lastSteadyFrame = Long.MIN_VALUE / 2;
    private double lastSteadyHz;
    private Beep lastBeep;

    public CallProgressDetector() {
        this(CallProgressConfig.defaults());
    }

    public CallProgressDetector(CallProgressConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.analyzer = new ToneAnalyzer(config.plans(), config.tones());
        this.vad = new VoiceActivityDetector(SAMPLE_RATE, config.amd().vadMode());
        this.planBursts = new BurstTracker[analyzer.planTones().size()];
        for (int k = 0; k < planBursts.length; k++) {
            planBursts[k] = new BurstTracker(config.tones().minOnMs(), config.tones().gapBridgeMs());
        }
        for (TonePlan plan : config.plans()) {
            for (ToneSpec spec : plan.tones()) {
                specs.add(spec);
                specKeys.add(analyzer.planToneOf(spec));
            }
        }
        this.ringMaxOffMs = new long[planBursts.length];
        this.ringThresholdMs = new long[specs.size()];
        for (int s = 0; s < specs.size(); s++) {
            ToneSpec spec = specs.get(s);
            if (spec.kind() != ToneKind.RINGBACK) {
                continue;
            }
            // A burst on frequencies that a busy or congestion tone also uses is ringback only once it has
            // outlasted every such burst (EU: 425 Hz for longer than busy's 0.48 s plus tolerance).
            long threshold = config.tones().ringbackMinOnMs();
            for (int o = 0; o < specs.size(); o++) {
                ToneSpec other = specs.get(o);
                if (other.kind() != ToneKind.RINGBACK && other.sameFrequencies(spec)) {
                    threshold = Math.max(threshold, Cadence.maxMs(other.longestOnMs(), config.tones()) + ToneFrame.FRAME_MS);
                }
            }
            ringThresholdMs[s] = threshold;
            int key = specKeys.get(s);
            ringMaxOffMs[key] = Math.max(ringMaxOffMs[key], Cadence.maxMs(spec.longestOffMs(), config.tones()));
        }
        this.sit = new SitDetector(config.special());
        this.fax = new FaxDetector(config.special(), config.tones());
        this.beeps = new BeepDetector(config.beep());
    }

    /** Feeds 8 kHz 16-bit samples (any length). */
    public List<CallProgressEvent> accept(short[] pcm) {
        return accept(pcm, 0, pcm.length);
    }

    public List<CallProgressEvent> accept(short[] pcm, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, pcm.length);
        if (finished) {
            throw new IllegalStateException("detector already finished");
        }
        List<CallProgressEvent> out = new ArrayList<>(1);
        int i = offset;
        int end = offset + length;
        while (i < end) {
            int take = Math.min(ToneAnalyzer.HOP - pendingCount, end - i);
            System.arraycopy(pcm, i, pending, pendingCount, take);
            pendingCount += take;
            i += take;
            if (pendingCount == ToneAnalyzer.HOP) {
                pendingCount = 0;
                frame(pending, out);
            }
        }
        return out;
    }

    /** Feeds G.711 μ-law bytes (8 kHz, one sample per byte). */
    public List<CallProgressEvent> acceptUlaw(byte[] payload) {
        return accept(G711.ulawDecode(payload));
    }

    /**
     * The signalling reports the answer now (at the end of the audio fed so far). Idempotent; ignored once the
     * answer is known.
     */
    public List<CallProgressEvent> answered() {
        List<CallProgressEvent> out = new ArrayList<>(1);
        if (!done() && answeredAtMs < 0) {
            answer(elapsedMs(), AnswerSource.SIGNALLED, out);
        }
        return out;
    }

    /**
     * The call's audio ended (hang-up) before a decision: decides from what was heard. After a greeting, its
     * length decides (a person if shorter than a machine's); otherwise {@code NO_ANSWER}.
     */
    public List<CallProgressEvent> finish() {
        List<CallProgressEvent> out = new ArrayList<>(1);
        if (finished) {
            return out;
        }
        while (!delayed.isEmpty() && decision == null) {
            speechFrame(delayed.removeFirst(), out);
        }
        finished = true;
        if (decision != null) {
            return out;
        }
        long now = elapsedMs();
        if (greeting != null && greeting.speechHeard()) {
            long span = greeting.lastSpeechEndMs() - greeting.firstSpeechMs();
            DialStatus status = span >= config.amd().machineGreetingMs() ? DialStatus.ANSWERED_MACHINE : DialStatus.ANSWERED_HUMAN;
            decide(status, now, greeting.speechEvidence(answerSource, "call ended during the greeting", Optional.empty()), out);
        } else {
            decide(DialStatus.NO_ANSWER, now, new Evidence.Silence(Optional.ofNullable(answerSource), answeredAtMs,
                    now - Math.max(0, Math.max(answeredAtMs, lastToneMs)), "call ended before a decision"), out);
        }
        return out;
    }

    /** The final status, once decided. */
    public Optional<CallProgressEvent.Status> decision() {
        return Optional.ofNullable(decision);
    }

    /** The latest status: the decision, else RINGING if ringback was heard, else empty. */
    public Optional<DialStatus> status() {
        return decision != null ? Optional.of(decision.status()) : Optional.ofNullable(progress).map(CallProgressEvent.Status::status);
    }

    /** The voicemail cue, once given. */
    public Optional<CallProgressEvent.LeaveMessage> messageCue() {
        return Optional.ofNullable(cue);
    }

    public OptionalLong answeredAtMs() {
        return answeredAtMs < 0 ? OptionalLong.empty() : OptionalLong.of(answeredAtMs);
    }

    /** Audio fed so far, in milliseconds of complete frames. */
    public long elapsedMs() {
        return frames * ToneFrame.FRAME_MS;
    }

    /** Nothing more will be reported: decided, and for a machine the message cue given. */
    public boolean done() {
        return decision != null && (decision.status() != DialStatus.ANSWERED_MACHINE || cue != null);
    }

    public CallProgressConfig config() {
        return config;
    }

    private void frame(short[] pcm, List<CallProgressEvent> out) {
        if (done()) {
            frames++;
            return; // the call is classified: the rest of its audio costs nothing
        }
        ToneFrame tone = analyzer.analyze(pcm, 0);
        frames++;
        long now = elapsedMs();
        boolean speech = false;
        for (FrameDecision d : vad.accept(pcm)) {
            speech |= d.speech() && !d.hangover();
        }
        speech &= tone.levelDb() >= floor.accept(tone.levelDb()) + SPEECH_ABOVE_FLOOR_DB;
        DelayedFrame current = new DelayedFrame(now - ToneFrame.FRAME_MS, speech);
        delayed.addLast(current);
        current.tonal = maskTone(tone);

        if (decision == null) {
            planTones(tone, now, out);
        }
        if (decision == null) {
            Evidence.Sit sitEvidence = sit.accept(tone);
            if (sitEvidence != null) {
                decide(DialStatus.SIT, now, sitEvidence, out);
            }
        }
        Evidence.Fax faxEvidence = decision == null ? fax.accept(tone) : null;
        if (faxEvidence != null && (greeting == null || !greeting.speechHeard())) {
            decide(DialStatus.FAX, now, faxEvidence, out);
        }
        // Before the answer too: a beep-only voicemail may beep before the missing next ring reveals the answer.
        // Plan tones never make a beep (EU ringback is a steady 425 Hz tone of 1 s).
        ToneFrame beepView = tone.planTone() < 0 ? tone
                : new ToneFrame(tone.index(), tone.levelDb(), tone.dominantHz(), 0, tone.planTone(), tone.planToneShare());
        beeps.accept(beepView).ifPresent(b -> lastBeep = b);
        if (delayed.size() > MASK_DELAY_FRAMES) {
            speechFrame(delayed.removeFirst(), out);
        }
        timeouts(now, out);
    }

    /** Plan tones: ringing, busy/congestion, and the answer inferred from ringback. */
    private void planTones(ToneFrame tone, long now, List<CallProgressEvent> out) {
        CallProgressConfig.Tones t = config.tones();
        for (int k = 0; k < planBursts.length; k++) {
            BurstTracker tracker = planBursts[k];
            ToneBurst ended = tracker.accept(tone.planTone() == k, tone.centreMs());
            if (tracker.isOn() && progress == null && answeredAtMs < 0) {
                for (int s = 0; s < specs.size(); s++) {
                    if (specKeys.get(s) == k && specs.get(s).kind() == ToneKind.RINGBACK
                            && tracker.currentDurationMs() >= ringThresholdMs[s]) {
                        ringSpec = s;
                        firstRingMs = tracker.currentStartMs();
                        ToneSpec spec = specs.get(s);
                        progress = new CallProgressEvent.Status(DialStatus.RINGING, now, new Evidence.Tone(spec.name(),
                                spec.kind(), spec.frequencyLabel(), List.of(tracker.currentDurationMs())));
                        out.add(progress);
                        break;
                    }
                }
            }
            if (ended == null) {
                continue;
            }
            if (ringSpec >= 0 && specKeys.get(ringSpec) == k && answeredAtMs < 0) {
                ToneSpec ring = specs.get(ringSpec);
                if (!ended.partial() && ended.durationMs() < Cadence.minMs(ring.shortestOnMs(), t)) {
                    answer(ended.endMs(), AnswerSource.RINGBACK_CUT, out);
                } else {
                    rings++;
                }
            }
            busy(k, now, out);
            if (decision != null) {
                return;
            }
        }
        if (answeredAtMs < 0 && decision == null) {
            // Ringback stopped and the next ring is overdue: answered at the end of the last ring. This also covers a
            // first ring cut too short to be called ringing (or shared with busy, as 425 Hz is): no busy or
            // congestion tone stops by itself, so a burst on ringback frequencies followed by silence is a ring.
            ToneBurst lastRing = null;
            long maxOff = 0;
            boolean anyOn = false;
            for (int k = 0; k < planBursts.length; k++) {
                anyOn |= planBursts[k].isOn();
                ToneBurst last = planBursts[k].last();
                if (ringMaxOffMs[k] > 0 && last != null && (lastRing == null || last.endMs() > lastRing.endMs())) {
                    lastRing = last;
                    maxOff = ringMaxOffMs[k];
                }
            }
            if (!anyOn && lastRing != null && tone.centreMs() - lastRing.endMs() > maxOff) {
                answer(lastRing.endMs(), AnswerSource.RINGBACK_STOPPED, out);
            }
        }
    }

    private void busy(int key, long now, List<CallProgressEvent> out) {
        List<ToneBurst> bursts = planBursts[key].bursts();
        int count = config.tones().busyBursts();
        double bestError = Double.NaN;
        ToneSpec best = null;
        for (int s = 0; s < specs.size(); s++) {
            ToneSpec spec = specs.get(s);
            if (specKeys.get(s) != key || spec.kind() == ToneKind.RINGBACK) {
                continue;
            }
            double error = Cadence.matchTail(spec, bursts, count, config.tones());
            if (!Double.isNaN(error) && (best == null || error < bestError)) {
                best = spec;
                bestError = error;
            }
        }
        if (best != null) {
            decide(DialStatus.BUSY, now, new Evidence.Tone(best.name(), best.kind(), best.frequencyLabel(),
                    Cadence.onOff(bursts, count)), out);
        }
    }

    /**
     * Whether this frame holds a steady tone: a plan tone, or a pure tone whose frequency holds for
     * {@value #MASK_MIN_FRAMES} frames. Confirming a steady run also masks the frames before it still waiting in the
     * delay line (the window smears a tone's onset over them), and a steady tone that resumes at the same frequency
     * within {@value #MASK_BRIDGE_FRAMES} frames masks the gap (ANSam's phase reversals, noise dips at low SNR).
     */
    private boolean maskTone(ToneFrame tone) {
        boolean pure = tone.dominantShare() >= MASK_MIN_SHARE;
        if (pure && steadyRun > 0 && sameTone(tone.dominantHz(), steadyHz)
                && Math.abs(tone.dominantHz() - steadyStartHz) <= Math.max(6, MASK_DRIFT * steadyStartHz)) {
            steadyRun++;
        } else {
            steadyRun = pure ? 1 : 0;
            steadyStartHz = tone.dominantHz();
        }
        steadyHz = tone.dominantHz();
        boolean steady = steadyRun >= MASK_MIN_FRAMES;
        if (steady && steadyRun == MASK_MIN_FRAMES) {
            boolean resumed = frames - 1 - steadyRun - lastSteadyFrame <= MASK_BRIDGE_FRAMES && sameTone(steadyHz, lastSteadyHz);
            maskBack(MASK_MIN_FRAMES - 1 + (resumed ? MASK_BRIDGE_FRAMES : MASK_EDGE_FRAMES));
        }
        if (steady) {
            lastSteadyFrame = frames - 1;
            lastSteadyHz = steadyHz;
        }
        boolean tonal = steady || tone.planTone() >= 0;
        if (tonal) {
            lastToneMs = tone.centreMs();
        }
        return tonal;
    }

    private static boolean sameTone(double hz, double reference) {
        return Math.abs(hz - reference) <= Math.max(4, MASK_STABILITY * reference);
    }

    /** Marks the newest {@code count} frames of the delay line before the current one as tone. */
    private void maskBack(int count) {
        var it = delayed.descendingIterator();
        if (it.hasNext()) {
            it.next(); // the current frame, masked by the caller's result
        }
        for (int i = 0; i < count && it.hasNext(); i++) {
            it.next().tonal = true;
        }
    }

    /** One delayed frame's speech flag: the answer by sound, then the greeting analysis. */
    private void speechFrame(DelayedFrame f, List<CallProgressEvent> out) {
        boolean speech = f.speech && !f.tonal;
        int minFrames = Math.max(1, (config.amd().minSpeechMs() + ToneFrame.FRAME_MS - 1) / ToneFrame.FRAME_MS);
        if (answeredAtMs < 0) {
            if (decision != null) {
                return;
            }
            preAnswerRun = speech ? preAnswerRun + 1 : 0;
            if (preAnswerRun == 1) {
                preAnswerRunStart = f.startMs;
            }
            if (preAnswerRun >= minFrames) {
                answer(preAnswerRunStart, AnswerSource.SOUND, out);
                for (int i = 0; i < minFrames - 1; i++) {
                    greeting.accept(preAnswerRunStart + (long) i * ToneFrame.FRAME_MS, true);
                }
            } else {
                return;
            }
        }
        greeting.accept(f.startMs, speech);
    }

    private void timeouts(long now, List<CallProgressEvent> out) {
        Optional<Beep> beep = beepAfterGreeting();
        if (decision == null && greeting != null) {
            if (beep.isPresent()) {
                decide(DialStatus.ANSWERED_MACHINE, now, greeting.speechEvidence(answerSource,
                        greeting.speechHeard() ? "beep after a short greeting" : "beep without a greeting", beep), out);
            } else {
                greeting.check(beeps.beepInProgress(), lastToneMs).ifPresent(v ->
                        decide(v.status(), now, greeting.speechEvidence(answerSource, v.rule(), Optional.empty()), out));
            }
        }
        if (decision == null && answeredAtMs < 0) {
            if (firstRingMs >= 0 && now - firstRingMs >= config.ringTimeoutMs()) {
                ToneSpec ring = specs.get(ringSpec);
                BurstTracker tracker = planBursts[specKeys.get(ringSpec)];
                decide(DialStatus.NO_ANSWER, now, new Evidence.RingTimeout(ring.name(), rings + (tracker.isOn() ? 1 : 0),
                        now - firstRingMs, Cadence.onOff(tracker.bursts(), 4)), out);
            } else if (firstRingMs < 0 && now >= config.ringTimeoutMs()) {
                decide(DialStatus.NO_ANSWER, now, new Evidence.Silence(Optional.empty(), -1,
                        now - Math.max(0, lastToneMs), "no ringback and no answer for " + config.ringTimeoutMs() + " ms"), out);
            }
        }
        if (decision != null && decision.status() == DialStatus.ANSWERED_MACHINE && cue == null) {
            messageCue(now, beep, out);
        }
    }

    private void messageCue(long now, Optional<Beep> beep, List<CallProgressEvent> out) {
        if (beep.isPresent()) {
            cue = new CallProgressEvent.LeaveMessage(now, CallProgressEvent.CueReason.BEEP, beep);
        } else if (!beeps.candidateInProgress() && !greeting.inSpeech()
                && greeting.lastFrameEndMs() - greeting.lastSpeechEndMs() >= config.voicemail().messageSilenceMs()) {
            cue = new CallProgressEvent.LeaveMessage(now, CallProgressEvent.CueReason.SILENCE, Optional.empty());
        } else if (now - answeredAtMs >= config.voicemail().greetingTimeoutMs()) {
            cue = new CallProgressEvent.LeaveMessage(now, CallProgressEvent.CueReason.TIMEOUT, Optional.empty());
        }
        if (cue != null) {
            out.add(cue);
        }
    }

    /**
     * The beep that just ended, if it is a voicemail beep: after speech of the greeting had begun, or, with no
     * greeting at all, a lone tone that is none of the other tones a line carries after an answer (not on a plan
     * tone's frequency, not CNG's 1100 Hz): a "beep only" voicemail.
     */
    private Optional<Beep> beepAfterGreeting() {
        Beep beep = lastBeep;
        if (beep == null || greeting == null) {
            return Optional.empty(); // kept until the answer is known
        }
        lastBeep = null;
        if (greeting.speechHeard()) {
            return beep.startMs() >= greeting.firstSpeechMs() ? Optional.of(beep) : Optional.empty();
        }
        boolean otherTone = Math.abs(beep.hz() - FaxDetector.CNG_HZ) <= config.special().cngToleranceHz()
                || beep.durationMs() > BEEP_ONLY_MAX_MS;
        for (double[] hz : analyzer.planTones()) {
            otherTone |= hz.length == 1 && Math.abs(beep.hz() - hz[0]) <= Math.max(6, config.tones().frequencyTolerance() * hz[0]);
        }
        return otherTone || beep.startMs() < answeredAtMs ? Optional.empty() : Optional.of(beep);
    }

    private void answer(long atMs, AnswerSource source, List<CallProgressEvent> out) {
        answeredAtMs = atMs;
        answerSource = source;
        greeting = new GreetingAnalyzer(config.amd(), atMs);
        out.add(new CallProgressEvent.Answer(elapsedMs(), atMs, source));
    }

    private void decide(DialStatus status, long now, Evidence evidence, List<CallProgressEvent> out) {
        if (decision != null) {
            return;
        }
        decision = new CallProgressEvent.Status(status, now, evidence);
        out.add(decision);
    }

    private static final class DelayedFrame {
        final long startMs;
        final boolean speech;
        boolean tonal;

        DelayedFrame(long startMs, boolean speech) {
            this.startMs = startMs;
            this.speech = speech;
        }
    }
}
