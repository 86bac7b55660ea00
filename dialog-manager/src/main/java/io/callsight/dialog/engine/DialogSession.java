package io.callsight.dialog.engine;

import io.callsight.dialog.engine.Outcome.Escalation;
import io.callsight.dialog.engine.TurnRecord.Input;
import io.callsight.dialog.engine.TurnRecord.Result;
import io.callsight.dialog.flow.Flow;
import io.callsight.dialog.flow.FlowSettings;
import io.callsight.dialog.flow.HangupOutcome;
import io.callsight.dialog.flow.MaxTurnsAction;
import io.callsight.dialog.flow.NextState;
import io.callsight.dialog.flow.State;
import io.callsight.dialog.flow.Template;
import io.callsight.dialog.flow.TransferTarget;
import io.callsight.dialog.slots.SlotReader;
import io.callsight.dialog.slots.SlotResult;
import io.callsight.dialog.slots.SlotSpec;
import io.callsight.dialog.slots.SlotType;
import io.callsight.dialog.slots.SlotValue;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One bot call running one {@link Flow}. The session holds the Flow object it was created with, so a flow
 * reloaded during the call changes later calls only. Each caller event returns the {@link BotAction} to play;
 * the caller of this class owns timers (it calls {@link #onNoInput()} after the listen timeout) and audio.
 * Not thread-safe: one call's events arrive in order.
 *
 * <p>How a turn is taken in a listening state: a pending read-back waits for yes/no; otherwise a slot value is
 * taken first (an answer that is not a valid value asks again), then an {@code on} intent above the flow's
 * confidence threshold, then an FAQ answer; anything else is a no-match. No-inputs and no-matches are counted per
 * state; reaching a limit, or max_turns, escalates.
 */
public final class DialogSession {
    private static final String MASK = "****";
    private static final SlotSpec YES_NO = SlotSpec.of("confirmation", SlotType.YES_NO);

    private final Flow flow;
    private final Clock clock;
    private final SlotReader slotReader;
    private final Map<String, SlotValue> slots = new LinkedHashMap<>();
    private final List<TurnRecord> turns = new ArrayList<>();
    private final List<String> unanswered = new ArrayList<>();
    private final StringBuilder keys = new StringBuilder();
    private Instant startedAt, endedAt;
    private State state;
    /** A slot value read back to the caller, filled only once they say yes. */
    private SlotValue awaitingConfirmation;
    private int noInputs, noMatches, rounds;
    private Outcome outcome;
    private List<Sentence> lastSpoken = List.of();

    public DialogSession(Flow flow) {
        this(flow, Clock.systemDefaultZone());
    }

    /** @param clock the tenant's zone and time: "tomorrow" and "next Tuesday" are resolved with it */
    public DialogSession(Flow flow, Clock clock) {
        this.flow = flow;
        this.clock = clock;
        this.slotReader = new SlotReader(clock);
    }

    /** What caller input looked like, for the turn record, with the state it arrived in. */
    private record Heard(Input input, String text, String intent, double confidence, String state) {}

    // ---------------------------------------------------------------- caller events

    /** The bot's opening: the start state's prompt (after any states that only speak). */
    public BotAction start() {
        if (startedAt != null) throw new IllegalStateException("session already started");
        startedAt = clock.instant();
        Heard heard = new Heard(Input.START, null, null, 0, flow.start().name());
        return respond(heard, Result.GREETING, enter(flow.start(), new ArrayList<>()));
    }

    public BotAction onUtterance(UserTurn turn) {
        requireListening();
        rounds++;
        String text = turn.text() == null ? "" : turn.text().strip();
        Heard heard = new Heard(Input.SPEECH, masked(text), turn.intent(), turn.confidence(), state.name());
        if (awaitingConfirmation != null) return confirmation(heard, slotReader.fromSpeech(YES_NO, text));
        if (state.slot() != null) {
            SlotResult r = slotReader.fromSpeech(state.slot(), text);
            if (r.isFilled()) return slotFilled(heard, r.value());
            if (r.isInvalid()) return invalidSlot(heard, r.problem());
        }
        String intent = understood(turn) ? turn.intent() : null;
        Optional<String> target = intent == null ? Optional.empty() : state.onIntent(intent);
        if (target.isPresent()) return respond(heard, Result.TRANSITION, enter(flow.state(target.get()), new ArrayList<>()));
        Optional<String> answer = state.faq() ? flow.faqAnswer(intent) : Optional.empty();
        if (answer.isPresent()) {
            List<Sentence> said = new ArrayList<>();
            Template.splitSentences(answer.get()).forEach(s -> said.add(new Sentence(s, state.bargeIn())));
            said.addAll(reprompt());
            return respond(heard, Result.FAQ_ANSWER, new BotAction(said, listen()));
        }
        return noMatch(heard, text, true);
    }

    /**
     * One key press. Keys for a digits, number, date or time slot are collected until the slot's length, '#', or
     * the no-input timeout; '*' starts the entry again. Elsewhere a key is a whole turn.
     */
    public BotAction onDtmf(char key) {
        requireListening();
        if (awaitingConfirmation != null) {
            rounds++;
            return confirmation(new Heard(Input.DTMF, String.valueOf(key), null, 0, state.name()),
                    slotReader.fromKeys(YES_NO, String.valueOf(key)));
        }
        SlotSpec slot = state.slot();
        if (slot != null && slot.type() != SlotType.YES_NO) {
            if (key == '*') {
                keys.setLength(0);
                return new BotAction(List.of(), listen());
            }
            if (key == '#') return submitKeys();
            keys.append(key);
            if (slot.maxKeys() > 0 && keys.length() >= slot.maxKeys()) return submitKeys();
            return new BotAction(List.of(), listen());
        }
        rounds++;
        Heard heard = new Heard(Input.DTMF, String.valueOf(key), null, 0, state.name());
        Optional<String> target = state.onKey(key);
        if (target.isPresent()) return respond(heard, Result.TRANSITION, enter(flow.state(target.get()), new ArrayList<>()));
        if (slot != null) {
            SlotResult r = slotReader.fromKeys(slot, String.valueOf(key));
            return r.isFilled() ? slotFilled(heard, r.value()) : invalidSlot(heard, r.problem());
        }
        return noMatch(heard, "", false);
    }

    /** Nothing heard within the listen timeout; ends a key entry in progress, as IVRs do. */
    public BotAction onNoInput() {
        requireListening();
        if (keys.length() > 0) return submitKeys();
        rounds++;
        Heard heard = new Heard(Input.NO_INPUT, null, null, 0, state.name());
        noInputs++;
        if (noInputs >= flow.settings().noInputLimit()) {
            return respond(heard, Result.ESCALATED, escalate(Escalation.NO_INPUT_LIMIT));
        }
        return respond(heard, Result.NO_INPUT, new BotAction(reprompt(), listen()));
    }

    /**
     * Whether a partial transcript heard while the bot speaks is the caller interrupting: enough words (the flow's
     * barge_in_min_words, so a cough or "uh-huh" does not cut the prompt) and a prompt that may be interrupted.
     * The gateway also honours {@link Sentence#bargeIn()} of the sentence playing.
     */
    public boolean isBargeIn(String partialTranscript) {
        if (outcome != null || startedAt == null || lastSpoken.stream().noneMatch(Sentence::bargeIn)) return false;
        if (partialTranscript == null) return false;
        int words = 0;
        for (String w : partialTranscript.strip().split("\\s+")) {
            if (w.chars().anyMatch(Character::isLetterOrDigit)) words++;
        }
        return words >= flow.settings().bargeInMinWords();
    }

    /**
     * The caller talked over the prompt and playback was stopped: nothing more to say, keep listening; the
     * utterance comes through {@link #onUtterance}. Recorded on the bot's last turn.
     */
    public BotAction onBargeIn() {
        requireListening();
        if (!turns.isEmpty()) turns.set(turns.size() - 1, turns.get(turns.size() - 1).interrupted());
        lastSpoken = List.of();
        return new BotAction(List.of(), listen());
    }

    /** Outbound: an answering machine took the call. Leaves the flow's voicemail message (if any) and hangs up. */
    public BotAction onVoicemail() {
        if (startedAt == null) startedAt = clock.instant();
        if (outcome != null) throw new IllegalStateException("session already ended: " + outcome);
        List<Sentence> said = new ArrayList<>();
        flow.voicemail().ifPresent(t -> said.addAll(speak(t, slots, false)));
        String at = state == null ? flow.start().name() : state.name();
        Heard heard = new Heard(Input.VOICEMAIL, null, null, 0, at);
        Outcome o = Outcome.of(Outcome.Kind.VOICEMAIL, null);
        return respond(heard, Result.VOICEMAIL, end(said, o, new NextStep.HangUp(o)));
    }

    /** The caller hung up; a session not ended by the bot counts as abandoned. */
    public void onCallerHangup() {
        if (outcome != null) return;
        outcome = Outcome.of(Outcome.Kind.ABANDONED, state == null ? null : "hung up in " + state.name());
        endedAt = clock.instant();
    }

    // ---------------------------------------------------------------- what the session knows

    public Flow flow() {
        return flow;
    }

    public String currentState() {
        return state == null ? null : state.name();
    }

    public boolean ended() {
        return outcome != null;
    }

    public Optional<Outcome> outcome() {
        return Optional.ofNullable(outcome);
    }

    /** Filled slots by name (unmasked: for the flow's own use, not for storage). */
    public Map<String, SlotValue> slots() {
        return Map.copyOf(slots);
    }

    public int rounds() {
        return rounds;
    }

    public SessionRecord record() {
        Map<String, String> stored = new LinkedHashMap<>();
        slots.forEach((name, v) -> stored.put(name, sensitive(name) ? MASK : v.value()));
        return new SessionRecord(flow.tenant(), flow.name(), flow.version(), flow.direction(), startedAt, endedAt, rounds,
                turns, stored, outcome, unanswered, currentState());
    }

    // ---------------------------------------------------------------- steps

    private boolean understood(UserTurn turn) {
        return turn.intent() != null && !turn.intent().isBlank() && turn.confidence() >= flow.settings().minIntentConfidence();
    }

    private BotAction submitKeys() {
        rounds++;
        String entered = keys.toString();
        keys.setLength(0);
        Heard heard = new Heard(Input.DTMF, masked(entered), null, 0, state.name());
        SlotResult r = slotReader.fromKeys(state.slot(), entered);
        if (r.isFilled()) return slotFilled(heard, r.value());
        if (r.isInvalid()) return invalidSlot(heard, r.problem());
        return noMatch(heard, "", false);
    }

    private BotAction slotFilled(Heard heard, SlotValue value) {
        if (state.confirm() != null) {
            awaitingConfirmation = value;
            Map<String, SlotValue> withPending = new LinkedHashMap<>(slots);
            withPending.put(state.slot().name(), value);
            return respond(heard, Result.SLOT_FILLED, new BotAction(speak(state.confirm(), withPending, state.bargeIn()), listen()));
        }
        return respond(heard, Result.SLOT_FILLED, commit(value));
    }

    private BotAction confirmation(Heard heard, SlotResult answer) {
        if (answer.isFilled() && answer.value().isYes()) {
            SlotValue confirmed = awaitingConfirmation;
            awaitingConfirmation = null;
            return respond(heard, Result.CONFIRMED, commit(confirmed));
        }
        if (answer.isFilled()) {
            awaitingConfirmation = null;
            return respond(heard, Result.REJECTED, new BotAction(speak(state.prompt(), slots, state.bargeIn()), listen()));
        }
        return noMatch(heard, heard.text() == null ? "" : heard.text(), false);
    }

    private BotAction commit(SlotValue value) {
        slots.put(state.slot().name(), value);
        NextState next = state.next();
        String target = next.branches() ? (value.isYes() ? next.ifYes() : next.ifNo()) : next.target();
        return enter(flow.state(target), new ArrayList<>());
    }

    private BotAction invalidSlot(Heard heard, String problem) {
        noMatches++;
        if (noMatches >= flow.settings().noMatchLimit()) {
            return respond(heard, Result.ESCALATED, escalate(Escalation.NO_MATCH_LIMIT));
        }
        List<Sentence> said = new ArrayList<>();
        if (state.invalid() != null) said.addAll(speak(state.invalid(), slots, state.bargeIn()));
        said.addAll(reprompt());
        return respond(heard, Result.SLOT_INVALID, new BotAction(said, listen()));
    }

    /** @param question whether the words may be a request the bot should learn to answer (not a failed read-back) */
    private BotAction noMatch(Heard heard, String text, boolean question) {
        noMatches++;
        if (question && !text.isBlank() && !sensitive(state)) unanswered.add(text);
        if (noMatches >= flow.settings().noMatchLimit()) {
            return respond(heard, Result.ESCALATED, escalate(Escalation.NO_MATCH_LIMIT));
        }
        return respond(heard, Result.NO_MATCH, new BotAction(reprompt(), listen()));
    }

    /** The question again: the pending read-back, else the state's reprompt, else its prompt. */
    private List<Sentence> reprompt() {
        Template t;
        Map<String, SlotValue> values = slots;
        if (awaitingConfirmation != null) {
            t = state.confirm();
            values = new LinkedHashMap<>(slots);
            values.put(state.slot().name(), awaitingConfirmation);
        } else {
            t = state.reprompt() != null ? state.reprompt() : state.prompt();
        }
        return speak(t, values, state.bargeIn());
    }

    /**
     * Moves to {@code target}, speaking every state that only speaks on the way, until a state listens or ends
     * the call. The validator rejects loops of speaking states; the hop limit only guards a flow built around it.
     */
    private BotAction enter(State target, List<Sentence> said) {
        State s = target;
        for (int hops = 0; hops <= flow.states().size(); hops++) {
            state = s;
            noInputs = 0;
            noMatches = 0;
            awaitingConfirmation = null;
            keys.setLength(0);
            if (s.listens()) {
                said.addAll(speak(s.prompt(), slots, s.bargeIn()));
                return new BotAction(said, listen());
            }
            if (s.say() != null) said.addAll(speak(s.say(), slots, s.bargeIn()));
            if (s.transfer() != null) {
                TransferTarget t = s.transfer();
                String reason = t.reason() != null ? t.reason() : s.name();
                return end(said, Outcome.transferred(t.queue(), reason, null), new NextStep.Transfer(t.queue(), reason));
            }
            if (s.hangup() != null) {
                Outcome.Kind kind = s.hangup().outcome() == HangupOutcome.COMPLETED ? Outcome.Kind.COMPLETED : Outcome.Kind.FAILED;
                Outcome o = Outcome.of(kind, s.hangup().reason());
                return end(said, o, new NextStep.HangUp(o));
            }
            s = flow.state(s.next().target());
        }
        Outcome o = Outcome.of(Outcome.Kind.FAILED, "flow loops without listening at " + s.name());
        return end(said, o, new NextStep.HangUp(o));
    }

    private BotAction escalate(Escalation cause) {
        FlowSettings settings = flow.settings();
        TransferTarget esc = settings.escalation();
        List<Sentence> said = new ArrayList<>();
        String reason = cause.name().toLowerCase(Locale.ROOT);
        if (esc == null || (cause == Escalation.MAX_TURNS && settings.onMaxTurns() == MaxTurnsAction.HANGUP)) {
            Outcome o = new Outcome(Outcome.Kind.FAILED, null, reason, cause);
            return end(said, o, new NextStep.HangUp(o));
        }
        if (esc.say() != null) said.addAll(speak(esc.say(), slots, false));
        return end(said, Outcome.transferred(esc.queue(), esc.reason(), cause), new NextStep.Transfer(esc.queue(), esc.reason()));
    }

    private BotAction end(List<Sentence> said, Outcome o, NextStep step) {
        outcome = o;
        endedAt = clock.instant();
        return new BotAction(said, step);
    }

    private static List<Sentence> speak(Template t, Map<String, SlotValue> values, boolean bargeIn) {
        return t.sentences(values).stream().map(text -> new Sentence(text, bargeIn)).toList();
    }

    private NextStep.Listen listen() {
        return new NextStep.Listen(flow.settings().noInputTimeoutMs());
    }

    /** Records the exchange; a call that would go on listening past max_turns escalates instead. */
    private BotAction respond(Heard heard, Result result, BotAction action) {
        if (action.listens() && rounds >= flow.settings().maxTurns()) {
            action = escalate(Escalation.MAX_TURNS);
            result = Result.ESCALATED;
        }
        String step = action.then() instanceof NextStep.Listen ? "LISTEN"
                : action.then() instanceof NextStep.Transfer ? "TRANSFER" : "HANGUP";
        turns.add(new TurnRecord(turns.size() + 1, heard.state(), heard.input(), heard.text(), heard.intent(),
                heard.confidence(), result, action.sentences().stream().map(Sentence::text).toList(), step, false));
        lastSpoken = action.sentences();
        return action;
    }

    private void requireListening() {
        if (startedAt == null || state == null) throw new IllegalStateException("call start() first");
        if (outcome != null) throw new IllegalStateException("session already ended: " + outcome);
    }

    private boolean sensitive(State s) {
        return s.slot() != null && s.slot().sensitive();
    }

    private boolean sensitive(String slotName) {
        return flow.states().values().stream().anyMatch(s -> s.slot() != null && s.slot().name().equals(slotName) && s.slot().sensitive());
    }

    private String masked(String heard) {
        return sensitive(state) && !heard.isEmpty() ? MASK : heard;
    }
}
