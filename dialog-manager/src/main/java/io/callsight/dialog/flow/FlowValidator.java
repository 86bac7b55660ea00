package io.callsight.dialog.flow;

import io.callsight.config.ValidationError;
import io.callsight.dialog.slots.SlotSpec;
import io.callsight.dialog.slots.SlotType;
import io.callsight.nlp.intents.definition.IntentDefinition;
import io.callsight.nlp.intents.definition.TenantIntents;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks what the parser cannot see in one value: the flow as a graph (every transition leads somewhere, every
 * state is reachable, no chain of speaking states loops without listening), the states' parts fit together (a
 * state that listens has a way out, confirmation needs a slot), templates name slots the flow fills, and intents
 * exist in the tenant's intent file. {@code intents} null means the intent file is not known: names go unchecked.
 */
final class FlowValidator {
    private final FlowDefinition flow;
    private final TenantIntents intents;
    private final List<ValidationError> errors = new ArrayList<>();

    private FlowValidator(FlowDefinition flow, TenantIntents intents) {
        this.flow = flow;
        this.intents = intents;
    }

    static List<ValidationError> validate(FlowDefinition flow, TenantIntents intents) {
        FlowValidator v = new FlowValidator(flow, intents);
        v.run();
        Collections.sort(v.errors);
        return v.errors;
    }

    private void error(int line, String message) {
        errors.add(new ValidationError(flow.source(), line, message));
    }

    private void run() {
        Map<String, State> states = flow.states();
        if (flow.start() != null && !states.containsKey(flow.start())) {
            error(flow.startLine(), "start state '" + flow.start() + "' is not defined" + known(states.keySet()));
        }
        if (flow.voicemail() != null && flow.direction() == Direction.INBOUND) {
            error(flow.voicemail().line(), "voicemail is only for outbound flows (the bot never reaches a voicemail on an inbound call)");
        }
        if (intents != null && intents.language() != null && flow.language() != null
                && !intents.language().equalsIgnoreCase(flow.language())) {
            error(flow.languageLine(), "language '" + flow.language() + "' differs from the tenant's intent file "
                    + intents.source() + " ('" + intents.language() + "')");
        }
        Map<String, SlotSpec> slots = slotsByName(states);
        for (State s : states.values()) {
            checkShape(s);
            checkEdges(s, states);
            checkIntents(s);
            for (Template t : s.templates()) checkRefs(t, slots);
        }
        if (flow.voicemail() != null) checkRefs(flow.voicemail(), slots);
        if (flow.settings().escalation() != null && flow.settings().escalation().say() != null) {
            checkRefs(flow.settings().escalation().say(), slots);
        }
        if (flow.start() != null && states.containsKey(flow.start())) checkReachable(states);
        checkLoops(states);
    }

    private static String known(Set<String> names) {
        return names.isEmpty() ? "" : " (states: " + String.join(", ", names) + ")";
    }

    /** The parts of one state must make one kind of state: listening, speaking-then-moving-on, or ending. */
    private void checkShape(State s) {
        String what = "state '" + s.name() + "'";
        boolean hasAction = s.next() != null || s.transfer() != null || s.hangup() != null;
        if (s.prompt() == null && s.say() == null && s.transfer() == null && s.hangup() == null) {
            error(s.line(), what + " has no prompt: give it a prompt (to listen), a say (to speak and move on), a transfer or a hangup");
            return;
        }
        if (s.transfer() != null && s.hangup() != null) error(s.line(), what + " both transfers and hangs up; choose one");
        if (s.next() != null && (s.transfer() != null || s.hangup() != null)) {
            error(s.next().line(), what + " ends the call, so it cannot also have a next state");
        }
        if (s.listens()) {
            if (s.say() != null) {
                error(s.say().line(), what + " has both prompt and say: a prompt listens for an answer, a say speaks and moves on");
            }
            if (s.transfer() != null || s.hangup() != null) {
                error(s.line(), what + " listens (prompt) and ends the call (transfer/hangup); put the ending in a state of its own");
            }
            if (s.on().isEmpty() && s.keys().isEmpty() && s.slot() == null) {
                error(s.line(), what + " listens but has no way out: add 'on' intents, 'keys' or a 'slot' with 'next'");
            }
            if (s.slot() != null && s.next() == null) {
                error(s.slot().line(), what + " fills slot '" + s.slot().name() + "' but has no 'next' state");
            }
            if (s.slot() == null && s.next() != null) {
                error(s.next().line(), what + " has 'next' but no slot: a state that listens moves on by intent ('on') or by filling a slot");
            }
        } else {
            for (String key : listeningParts(s)) {
                error(s.line(), what + " has '" + key + "' but no prompt: only a state with a prompt listens");
            }
            if (!hasAction) {
                error(s.line(), what + " speaks but has nowhere to go: give it next, transfer or hangup");
            }
            if (s.next() != null && s.next().branches()) {
                error(s.next().line(), what + " branches on yes/no but has no yes/no slot to branch on");
            }
        }
        if (s.slot() != null) {
            SlotSpec slot = s.slot();
            if (s.next() != null && s.next().branches() && slot.type() != SlotType.YES_NO) {
                error(s.next().line(), what + " branches on yes/no but its slot '" + slot.name() + "' is a " + slot.type().yamlName());
            }
            if (!s.keys().isEmpty() && slot.type() != SlotType.YES_NO) {
                error(s.keys().get(0).line(), what + " has 'keys' and a " + slot.type().yamlName() + " slot: every key goes to the slot");
            }
            if (s.confirm() != null && slot.type() == SlotType.YES_NO) {
                error(s.confirm().line(), what + " confirms a yes/no answer, which would ask yes/no about a yes/no");
            }
        } else if (s.listens()) {
            if (s.confirm() != null) error(s.confirm().line(), what + " has 'confirm' but no slot to confirm");
            if (s.invalid() != null) error(s.invalid().line(), what + " has 'invalid' but no slot whose value could be invalid");
        }
    }

    private static List<String> listeningParts(State s) {
        List<String> keys = new ArrayList<>();
        if (!s.on().isEmpty()) keys.add("on");
        if (!s.keys().isEmpty()) keys.add("keys");
        if (s.faq()) keys.add("faq");
        if (s.slot() != null) keys.add("slot");
        if (s.reprompt() != null) keys.add("reprompt");
        if (s.confirm() != null) keys.add("confirm");
        if (s.invalid() != null) keys.add("invalid");
        return keys;
    }

    private void checkEdges(State s, Map<String, State> states) {
        for (Transition t : s.edges()) {
            if (!states.containsKey(t.target())) {
                error(t.line(), "state '" + s.name() + "' goes to unknown state '" + t.target() + "'" + known(states.keySet()));
            }
        }
    }

    private void checkIntents(State s) {
        if (intents == null) return;
        Set<String> names = new TreeSet<>();
        for (IntentDefinition d : intents.intents()) {
            if (d.name() != null) names.add(d.name());
        }
        for (Transition t : s.on()) {
            if (!names.contains(t.trigger())) {
                error(t.line(), "unknown intent '" + t.trigger() + "' for tenant " + intents.tenant() + " (in "
                        + intents.source() + ": " + String.join(", ", names) + ")");
            }
        }
        if (s.faq() && intents.intents().stream().noneMatch(d -> d.answer() != null && !d.answer().isBlank())) {
            error(s.line(), "state '" + s.name() + "' has faq: true but no intent of tenant " + intents.tenant()
                    + " has an answer");
        }
    }

    private Map<String, SlotSpec> slotsByName(Map<String, State> states) {
        Map<String, SlotSpec> out = new HashMap<>();
        for (State s : states.values()) {
            if (s.slot() == null) continue;
            SlotSpec prev = out.putIfAbsent(s.slot().name(), s.slot());
            if (prev != null && prev.type() != s.slot().type()) {
                error(s.slot().line(), "slot '" + s.slot().name() + "' is a " + s.slot().type().yamlName() + " here but a "
                        + prev.type().yamlName() + " at line " + prev.line());
            }
        }
        return out;
    }

    private void checkRefs(Template t, Map<String, SlotSpec> slots) {
        for (String ref : t.slotNames()) {
            if (!slots.containsKey(ref)) {
                error(t.line(), "{" + ref + "} is not a slot of this flow" + (slots.isEmpty() ? ""
                        : " (slots: " + String.join(", ", new TreeSet<>(slots.keySet())) + ")"));
            }
        }
    }

    private void checkReachable(Map<String, State> states) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(flow.start()));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            State s = states.get(name);
            if (s == null || !seen.add(name)) continue;
            s.edges().forEach(e -> todo.push(e.target()));
        }
        for (State s : states.values()) {
            if (!seen.contains(s.name())) {
                error(s.line(), "state '" + s.name() + "' is unreachable from start state '" + flow.start() + "'");
            }
        }
    }

    /**
     * States that speak and move on by themselves chain through {@code next}; a cycle of them would talk forever
     * without the caller ever being heard. One report per cycle, at the line of its first state.
     */
    private void checkLoops(Map<String, State> states) {
        Set<String> done = new HashSet<>();
        for (State first : states.values()) {
            List<String> path = new ArrayList<>();
            State s = first;
            while (s != null && !s.listens() && s.next() != null && !s.next().branches() && !done.contains(s.name())) {
                int at = path.indexOf(s.name());
                if (at >= 0) {
                    List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
                    cycle.add(s.name());
                    State head = states.get(cycle.get(0));
                    error(head.line(), "states " + String.join(" → ", cycle) + " loop without ever listening");
                    break;
                }
                path.add(s.name());
                s = states.get(s.next().target());
            }
            done.addAll(path);
        }
    }
}
