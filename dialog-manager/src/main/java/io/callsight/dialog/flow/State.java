package io.callsight.dialog.flow;

import io.callsight.dialog.slots.SlotSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One state of a flow. A state either listens (it has a {@code prompt}) or only speaks ({@code say}) and then
 * moves on by itself ({@code next}), transfers or hangs up. A listening state leaves by an intent ({@code on}),
 * a key ({@code keys}) or a filled slot ({@code next}); {@code faq} answers any tenant intent that has an answer and
 * asks again. Unset parts are null (templates, slot, next, transfer, hangup) or empty (transitions).
 *
 * @param confirm  read back after the slot is filled ("I heard {account}, is that right?"); yes moves on, no asks again
 * @param invalid  said when the caller gave a value the slot rejects, before the reprompt
 * @param bargeIn  false for what the caller must hear in full (disclosures): the prompt cannot be interrupted
 */
public record State(String name, int line, Template prompt, Template reprompt, Template say, Template confirm,
                    Template invalid, List<Transition> on, List<Transition> keys, boolean faq, SlotSpec slot,
                    NextState next, TransferTarget transfer, Hangup hangup, boolean bargeIn) {
    public State {
        on = List.copyOf(on);
        keys = List.copyOf(keys);
    }

    public boolean listens() {
        return prompt != null;
    }

    public boolean ends() {
        return transfer != null || hangup != null;
    }

    public Optional<String> onIntent(String intent) {
        return on.stream().filter(t -> t.trigger().equals(intent)).map(Transition::target).findFirst();
    }

    public Optional<String> onKey(char key) {
        return keys.stream().filter(t -> t.trigger().equals(String.valueOf(key))).map(Transition::target).findFirst();
    }

    /** Every state this one can lead to, with the line that says so. */
    public List<Transition> edges() {
        List<Transition> out = new ArrayList<>(on);
        out.addAll(keys);
        if (next != null) {
            if (next.target() != null) out.add(new Transition("next", next.target(), next.line()));
            if (next.ifYes() != null) out.add(new Transition("yes", next.ifYes(), next.line()));
            if (next.ifNo() != null) out.add(new Transition("no", next.ifNo(), next.line()));
        }
        return out;
    }

    /** Every template of the state, for checking the slots they refer to. */
    public List<Template> templates() {
        List<Template> out = new ArrayList<>();
        for (Template t : new Template[] {prompt, reprompt, say, confirm, invalid}) {
            if (t != null) out.add(t);
        }
        if (transfer != null && transfer.say() != null) out.add(transfer.say());
        return out;
    }
}
