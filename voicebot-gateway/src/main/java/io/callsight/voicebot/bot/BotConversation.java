package io.callsight.voicebot.bot;

import io.callsight.asr.callprogress.CallProgressDetector;
import io.callsight.asr.callprogress.CallProgressEvent;
import io.callsight.asr.turn.CallerTurns;
import io.callsight.asr.turn.TurnEvent;
import io.callsight.dialog.engine.BotAction;
import io.callsight.dialog.engine.DialogSession;
import io.callsight.dialog.engine.NextStep;
import io.callsight.dialog.engine.Sentence;
import io.callsight.dialog.engine.UserTurn;
import io.callsight.dialog.flow.Direction;
import io.callsight.dialog.flow.Flow;
import io.callsight.dialog.flow.State;
import io.callsight.dialog.flow.Template;
import io.callsight.tts.prompt.Prompt;
import io.callsight.tts.prompt.SpeechStream;
import io.callsight.voicebot.BotCallHandler;
import io.callsight.voicebot.BotMediaChannel;
import io.callsight.voicebot.CallEndReason;
import io.callsight.voicebot.CallInfo;
import io.callsight.voicebot.TurnPlayback;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bot call, as a chain of small stages: caller audio → {@link CallerTurns} (recognition, end of turn, partials)
 * → intent → {@link DialogSession} → streaming synthesis → {@link BotMediaChannel} (paced, marked), with
 * interruption as an event of the same chain: a partial of enough words while the bot speaks, not echo of its own
 * prompt ({@link EchoGuard}), cancels synthesis and sends {@code clear}.
 *
 * <p>All state is touched on the call's {@link SerialLane} only; gateway callbacks just enqueue. Reading synthesized
 * frames blocks, so each turn's frames are pumped by a worker task of their own.
 */
final class BotConversation implements BotCallHandler {
    private static final Logger LOG = LoggerFactory.getLogger(BotConversation.class);
    private static final String END_MARK = "end";

    private final CallInfo call;
    private final String callId;
    private final BotMediaChannel channel;
    private final Flow flow;
    private final DialogSession session;
    private final BotServices services;
    private final SerialLane lane;
    private final CallerTurns turns;
    private final CallRecorder recorder;
    private final EchoGuard echo = new EchoGuard();
    private final DoubleTalkDetector doubleTalk = new DoubleTalkDetector();
    /** Outbound calls only, until it has decided: ringback, busy, SIT, fax, a person or a machine (null after). */
    private CallProgressDetector progress;
    private String dialStatus;
    private long dialDecidedMs = -1;
    private String dialEvidence;
    private boolean awaitingBeep;
    private int resumed;
    private final Set<String> staticSentences;
    private final List<BotSessionReport.TurnTiming> timings = new ArrayList<>();
    private final List<BotSessionReport.BargeIn> bargeIns = new ArrayList<>();

    // the caller stream's time line against the wall clock: the last audio's end and when it arrived
    private long audioEndMs;
    private long audioEndNanos;
    private long speechStartedMs = -1;

    private int turnNumber;
    private Speaking speaking;
    private ScheduledFuture<?> noInput;
    private boolean stopped;

    /**
     * The bot turn being played: its stream, what it answers, its audio so far (for the recording and for resuming).
     * {@code paused}: stopped at the onset of caller speech, not yet known to be an interruption; the pump keeps
     * buffering. The fields the pump shares are guarded by the instance.
     */
    private final class Speaking {
        final String turnId;
        String wireTurnId; // the channel's turn id: a resumed turn is a new one there
        int resumes;
        boolean paused;
        long pausedAtBytes;
        long pausedNanos;
        boolean pumpDone;
        final SpeechStream stream;
        final boolean interruptible;
        final NextStep then;
        final String trigger;
        final long speechEndNanos; // -1 when the turn answers no speech (greeting, no input)
        final long decidedNanos;
        final ByteArrayOutputStream audio = new ByteArrayOutputStream();
        long startOffsetMs = -1;
        long firstFrameNanos = -1;
        long playedBeforeWire; // bytes of the turn played before the current wire turn began (resumes)
        boolean interrupted;

        Speaking(String turnId, SpeechStream stream, boolean interruptible, NextStep then, String trigger,
                long speechEndNanos, long decidedNanos) {
            this.turnId = turnId;
            this.wireTurnId = turnId;
            this.stream = stream;
            this.interruptible = interruptible;
            this.then = then;
            this.trigger = trigger;
            this.speechEndNanos = speechEndNanos;
            this.decidedNanos = decidedNanos;
        }
    }

    private BotConversation(CallInfo call, BotMediaChannel channel, Flow flow, BotServices services) {
        this.call = call;
        this.callId = call.callSid() != null && !call.callSid().isBlank() ? call.callSid() : call.streamSid();
        this.channel = channel;
        this.flow = flow;
        this.services = services;
        this.session = new DialogSession(flow, services.clock());
        this.lane = new SerialLane(services.workers(), "bot call " + callId);
        this.turns = new CallerTurns(services.recognizer(), call.tenantId(), callId,
                services.turns());
        this.recorder = services.recorders().apply(call);
        this.staticSentences = staticSentences(flow);
    }

    static BotConversation start(CallInfo call, BotMediaChannel channel, Flow flow, BotServices services) {
        BotConversation c = new BotConversation(call, channel, flow, services);
        if (flow.direction() == Direction.OUTBOUND) {
            // the bot placed this call: listen to the line before saying anything (ringing, busy, a person, a machine)
            c.progress = new CallProgressDetector();
        } else {
            c.lane.execute(() -> c.speak(c.session.start(), "greeting", -1));
        }
        return c;
    }

    // ---------------------------------------------------------------- gateway callbacks: enqueue only

    @Override
    public void onCallerAudio(byte[] ulaw8k, long streamOffsetMs) {
        long arrived = System.nanoTime();
        lane.execute(() -> hear(ulaw8k, streamOffsetMs, arrived));
    }

    @Override
    public void onDtmf(char digit) {
        lane.execute(() -> pressed(digit));
    }

    @Override
    public void onPlaybackMark(String name, boolean flushed) {
        lane.execute(() -> markReached(name, flushed));
    }

    @Override
    public void onStop(CallEndReason reason) {
        lane.execute(() -> stop(reason));
    }

    // ---------------------------------------------------------------- the call's lane

    private void hear(byte[] ulaw, long offsetMs, long arrivedNanos) {
        if (stopped) {
            return;
        }
        recorder.caller(ulaw, offsetMs);
        audioEndMs = offsetMs + ulaw.length / 8;
        audioEndNanos = arrivedNanos;
        if (progress != null) {
            dialProgress(progress.acceptUlaw(ulaw));
            if (progress != null) {
                return; // until a person answered, the line's audio is not a caller's turn
            }
        }
        doubleTalk.heard(ulaw);
        for (TurnEvent event : turns.accept(ulaw, offsetMs)) {
            if (event instanceof TurnEvent.SpeechStarted started) {
                speechStartedMs = started.atMs();
                cancelNoInput();
                maybePause();
            } else if (event instanceof TurnEvent.Partial partial) {
                maybeBargeIn(partial);
            } else if (event instanceof TurnEvent.TurnEnded ended) {
                turnEnded(ended);
            }
        }
        Speaking s = speaking;
        if (s != null && s.paused && !s.interrupted && !turns.talking()) {
            resume(s); // a cough, a breath, a door: the voice stopped and said nothing
        }
    }

    /**
     * The outbound call's progress: a person → the flow starts (its greeting); a machine → the flow's voicemail
     * message once the beep has passed, then hang up; busy, SIT, fax or no answer → hang up. Each decision is the call's
     * dial status in its session report.
     */
    private void dialProgress(List<CallProgressEvent> events) {
        for (CallProgressEvent event : events) {
            if (event instanceof CallProgressEvent.Status status && status.status().isFinal()) {
                dialStatus = status.status().name();
                dialDecidedMs = status.atMs();
                dialEvidence = status.evidence().summary();
                LOG.info("call {}: dial status {} after {} ms ({})", callId, dialStatus, dialDecidedMs, dialEvidence);
                switch (status.status()) {
                    case ANSWERED_HUMAN -> {
                        progress = null;
                        speak(session.start(), "greeting", -1);
                        return;
                    }
                    case ANSWERED_MACHINE -> awaitingBeep = true;
                    default -> {
                        progress = null;
                        channel.hangUp();
                        return;
                    }
                }
            } else if (event instanceof CallProgressEvent.LeaveMessage cue && awaitingBeep) {
                progress = null;
                awaitingBeep = false;
                LOG.info("call {}: voicemail, leaving the message ({})", callId, cue.reason());
                speak(session.onVoicemail(), "voicemail", -1);
                return;
            }
        }
    }

    /**
     * Caller speech began while the bot speaks and it is louder than an echo could be: stop the bot now (a
     * {@code clear}), keep the rest of the turn, and let the words decide ({@link #maybeBargeIn}) whether it was an
     * interruption or the bot goes on where it stopped.
     */
    private void maybePause() {
        Speaking s = speaking;
        if (s == null || s.interrupted || s.paused || !s.interruptible || !channel.isSpeaking()
                || !doubleTalk.callerTalking()) {
            return;
        }
        LOG.debug("call {}: caller speech over {}: paused", callId, s.turnId);
        Optional<TurnPlayback> heard = channel.clear();
        synchronized (s) {
            s.paused = true;
            s.pausedNanos = System.nanoTime();
            s.pausedAtBytes = Math.min(s.audio.size(), heard.map(TurnPlayback::bytesPlayed).orElse(0L)
                    + s.playedBeforeWire);
        }
    }

    private void resume(Speaking s) {
        byte[] rest;
        boolean done;
        synchronized (s) {
            s.paused = false;
            s.resumes++;
            s.wireTurnId = s.turnId + "r" + s.resumes;
            byte[] all = s.audio.toByteArray();
            rest = java.util.Arrays.copyOfRange(all, (int) s.pausedAtBytes, all.length);
            s.playedBeforeWire = s.pausedAtBytes;
            done = s.pumpDone;
            if (rest.length > 0) {
                channel.play(s.wireTurnId, rest);
            }
        }
        resumed++;
        if (done) {
            endOfPrompt(s);
        }
    }

    private void maybeBargeIn(TurnEvent.Partial partial) {
        Speaking s = speaking;
        if (s == null || s.interrupted || !s.interruptible || !(s.paused || channel.isSpeaking())) {
            return;
        }
        if (echo.isEcho(partial.text())) {
            if (s.paused) {
                resume(s);
            }
            return;
        }
        if (!session.isBargeIn(partial.text())) {
            return;
        }
        long now = System.nanoTime();
        long stoppedAt = s.paused ? s.pausedNanos : now;
        interrupt(s);
        bargeIns.add(new BotSessionReport.BargeIn(s.turnId,
                speechStartedMs < 0 ? -1 : (stoppedAt - wallAt(speechStartedMs)) / 1_000_000,
                wallAgoMs(partial.atMs(), now), partial.words()));
        session.onBargeIn();
    }

    private void interrupt(Speaking s) {
        LOG.debug("call {}: {} interrupted", callId, s.turnId);
        long played;
        synchronized (s) {
            s.interrupted = true;
            s.stream.cancel();
            if (s.paused) {
                played = s.pausedAtBytes;
            } else {
                played = channel.clear().map(TurnPlayback::bytesPlayed).orElse(0L) + s.playedBeforeWire;
            }
        }
        echo.silent();
        finishTurn(s, played);
    }

    private void turnEnded(TurnEvent.TurnEnded ended) {
        Speaking s = speaking;
        if (s != null && !(s.then instanceof NextStep.Listen)) {
            return; // the bot is transferring or saying goodbye: what the caller says now changes nothing
        }
        if (s != null && !s.interrupted && (echo.isEcho(ended.text()) || onlyFillers(ended.text()))) {
            if (s.paused) {
                resume(s);
            }
            return; // the prompt came back on the caller's line, or an "uh" or a cough heard as "ah": nothing said
        }
        if (s != null && !s.interrupted && (s.paused || channel.isSpeaking())) {
            if (!s.interruptible) {
                return; // a prompt that must be heard whole (a legal notice): the caller's words over it do not count
            }
            interrupt(s); // answered before the prompt ended (a short "yes" is below the barge-in words)
        }
        cancelNoInput();
        long speechEndNanos = wallAt(ended.speechEndedMs());
        UserTurn turn = services.intents().read(call.tenantId(), flow.language(), callId, ended.text());
        speak(session.onUtterance(turn), "speech", speechEndNanos);
    }

    private void pressed(char digit) {
        if (stopped || session.ended()) {
            return;
        }
        Speaking s = speaking;
        if (s != null && !(s.then instanceof NextStep.Listen)) {
            return;
        }
        if (s != null && !s.interrupted && (s.paused || channel.isSpeaking()) && s.interruptible) {
            interrupt(s);
        }
        cancelNoInput();
        BotAction action = session.onDtmf(digit);
        if (action.sentences().isEmpty()) {
            after(action.then()); // collecting more keys
        } else {
            speak(action, "dtmf", System.nanoTime());
        }
    }

    private void noInputTimedOut() {
        if (stopped || session.ended() || turns.talking() || (speaking != null && channel.isSpeaking())) {
            return;
        }
        speak(session.onNoInput(), "no_input", -1);
    }

    private void speak(BotAction action, String trigger, long speechEndNanos) {
        if (stopped) {
            return;
        }
        long decided = System.nanoTime();
        if (action.sentences().isEmpty()) {
            after(action.then());
            return;
        }
        String turnId = "turn-" + (++turnNumber);
        List<Prompt.PromptSentence> sentences = new ArrayList<>();
        for (Sentence sentence : action.sentences()) {
            sentences.add(new Prompt.PromptSentence(sentence.text(), staticSentences.contains(sentence.text())));
        }
        boolean interruptible = action.sentences().stream().allMatch(Sentence::bargeIn);
        SpeechStream stream = services.synthesizer().speak(Prompt.of(sentences), services.voice());
        Speaking s = new Speaking(turnId, stream, interruptible, action.then(), trigger, speechEndNanos, decided);
        speaking = s;
        echo.playing(action.text());
        doubleTalk.promptStarted();
        services.workers().execute(() -> pump(s));
    }

    /** On a worker: frames to the channel as they are synthesized; the channel paces them. */
    private void pump(Speaking s) {
        try {
            Optional<byte[]> frame;
            while ((frame = s.stream.next()).isPresent()) {
                byte[] audio = frame.get();
                long now = System.nanoTime();
                synchronized (s) {
                    if (s.interrupted) {
                        return;
                    }
                    if (s.firstFrameNanos < 0) {
                        s.firstFrameNanos = now;
                        s.startOffsetMs = audioEndMs;
                    }
                    s.audio.write(audio, 0, audio.length);
                    doubleTalk.played(audio);
                    if (!s.paused && !channel.play(s.wireTurnId, audio)) {
                        s.stream.cancel();
                        return;
                    }
                }
            }
            boolean paused;
            synchronized (s) {
                s.pumpDone = true;
                paused = s.paused;
            }
            if (!paused) {
                endOfPrompt(s);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("call {}: speaking {} failed: {}", callId, s.turnId, e.toString());
            lane.execute(() -> {
                if (speaking == s) {
                    finishTurn(s, s.audio.size());
                    after(s.then);
                }
            });
        }
    }

    /** All of the turn's audio is queued: a mark after it, and the end of the call if the turn ends it. */
    private void endOfPrompt(Speaking s) {
        channel.mark(s.wireTurnId, END_MARK);
        if (!(s.then instanceof NextStep.Listen)) {
            channel.hangUp(); // plays out what is queued, then closes: Twilio goes on after <Connect> (transfer)
        }
    }

    private void markReached(String name, boolean flushed) {
        Speaking s = speaking;
        if (s == null || !name.equals(BotMediaChannel.markName(s.wireTurnId, END_MARK))) {
            return;
        }
        if (flushed && s.paused) {
            return; // our own pause flushed it: the turn goes on (resumed under a new wire id) or is interrupted
        }
        if (!s.interrupted) {
            echo.silent();
            finishTurn(s, flushed ? 0 : s.audio.size());
            after(s.then);
        }
    }

    /** The turn is over (played, or cut at {@code playedBytes}): its timing, and its heard audio to the recording. */
    private void finishTurn(Speaking s, long playedBytes) {
        if (speaking == s) {
            speaking = null;
        }
        long first = s.firstFrameNanos;
        long response = s.speechEndNanos < 0 || first < 0 ? -1 : (first - s.speechEndNanos) / 1_000_000;
        long decide = s.speechEndNanos < 0 ? -1 : (s.decidedNanos - s.speechEndNanos) / 1_000_000;
        long firstFrame = first < 0 ? -1 : (first - s.decidedNanos) / 1_000_000;
        timings.add(new BotSessionReport.TurnTiming(s.turnId, s.trigger, response, decide, firstFrame,
                playedBytes / 8, s.interrupted));
        byte[] heard = s.audio.toByteArray();
        int keep = (int) Math.min(heard.length, playedBytes);
        if (keep > 0 && s.startOffsetMs >= 0) {
            recorder.bot(java.util.Arrays.copyOf(heard, keep), s.startOffsetMs);
        }
    }

    private void after(NextStep then) {
        if (then instanceof NextStep.Listen listen) {
            scheduleNoInput(listen.noInputTimeoutMs());
        } else if (speaking == null) {
            channel.hangUp(); // nothing left to play
        }
    }

    private void scheduleNoInput(long timeoutMs) {
        cancelNoInput();
        if (timeoutMs > 0) {
            noInput = services.timers().schedule(() -> lane.execute(this::noInputTimedOut), timeoutMs, TimeUnit.MILLISECONDS);
        }
    }

    private void cancelNoInput() {
        if (noInput != null) {
            noInput.cancel(false);
            noInput = null;
        }
    }

    private void stop(CallEndReason reason) {
        if (stopped) {
            return;
        }
        stopped = true;
        cancelNoInput();
        Speaking s = speaking;
        if (s != null) {
            s.stream.cancel();
            s.interrupted = reason != CallEndReason.BOT_HANG_UP;
            finishTurn(s, s.paused ? s.pausedAtBytes : channel.turn(s.wireTurnId).map(TurnPlayback::bytesPlayed)
                    .map(b -> b + s.playedBeforeWire).orElse((long) s.audio.size()));
        }
        if (!session.ended()) {
            session.onCallerHangup();
        }
        try {
            services.sessions().accept(new BotSessionReport(call.tenantId(), callId, call.streamSid(), session.record(),
                    timings, bargeIns, resumed, dialStatus, dialDecidedMs, dialEvidence, reason));
        } catch (RuntimeException e) {
            LOG.warn("call {}: session report not delivered: {}", callId, e.toString());
        }
        recorder.end(reason.name().toLowerCase(java.util.Locale.ROOT));
        turns.close();
    }

    // ---------------------------------------------------------------- helpers

    /** Hesitations and backchannels, and what the recognizer makes of a cough or a hum, said over the bot. */
    private static final Set<String> FILLERS = Set.of("ah", "uh", "um", "hm", "hmm", "mm", "mhm", "er", "oh", "huh",
            "the", "a");

    static boolean onlyFillers(String text) {
        String[] words = text.toLowerCase(java.util.Locale.ROOT).strip().split("\\s+");
        for (String w : words) {
            if (!w.isEmpty() && !FILLERS.contains(w)) {
                return false;
            }
        }
        return true;
    }

    /** When the caller-stream instant {@code atMs} was heard, on the wall clock (System.nanoTime). */
    private long wallAt(long atMs) {
        return audioEndNanos - (audioEndMs - atMs) * 1_000_000;
    }

    private long wallAgoMs(long atMs, long nowNanos) {
        return (nowNanos - wallAt(atMs)) / 1_000_000;
    }

    /** Sentences of the flow's own prompts that carry no slot value: safe and worth caching. */
    static Set<String> staticSentences(Flow flow) {
        Set<String> out = new HashSet<>();
        for (State state : flow.states().values()) {
            for (Template t : state.templates()) {
                if (t != null && t.slotNames().isEmpty()) {
                    out.addAll(t.sentences(Map.of()));
                }
            }
        }
        var escalation = flow.settings().escalation();
        if (escalation != null && escalation.say() != null && escalation.say().slotNames().isEmpty()) {
            out.addAll(escalation.say().sentences(Map.of())); // said on every escalation: cached like the prompts
        }
        flow.voicemail().filter(t -> t.slotNames().isEmpty()).ifPresent(t -> out.addAll(t.sentences(Map.of())));
        return out;
    }

    /** The static prompts of a flow, to synthesize before the first call. */
    static List<Prompt> warmUpPrompts(Flow flow) {
        return staticSentences(flow).stream().map(Prompt::fixed).toList();
    }
}
