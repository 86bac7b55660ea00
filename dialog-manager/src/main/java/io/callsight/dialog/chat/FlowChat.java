package io.callsight.dialog.chat;

import io.callsight.dialog.engine.BotAction;
import io.callsight.dialog.engine.DialogSession;
import io.callsight.dialog.engine.NextStep;
import io.callsight.dialog.engine.SessionRecord;
import io.callsight.dialog.engine.UserTurn;
import io.callsight.dialog.flow.Flow;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Locale;

/**
 * A text conversation with one flow: each line is a caller turn. An empty line is silence (no-input),
 * {@code #1234} presses keys, {@code /voicemail} plays the answering-machine branch, {@code /hangup} hangs up as the
 * caller. Intents come from the given matcher; the bot's sentences print as "bot:" lines.
 */
public final class FlowChat {
    private final Flow flow;
    private final ExampleIntentMatcher intents;
    private final Clock clock;

    /** @param intents null: no intents, only slots, keys and silence move the flow */
    public FlowChat(Flow flow, ExampleIntentMatcher intents, Clock clock) {
        this.flow = flow;
        this.intents = intents;
        this.clock = clock;
    }

    public SessionRecord run(BufferedReader in, PrintStream out) throws IOException {
        DialogSession session = new DialogSession(flow, clock);
        print(session.start(), out);
        while (!session.ended()) {
            out.print("you: ");
            out.flush();
            String line = in.readLine();
            if (line == null || line.strip().equals("/hangup")) {
                session.onCallerHangup();
                break;
            }
            String text = line.strip();
            BotAction action;
            if (text.isEmpty()) {
                action = session.onNoInput();
            } else if (text.equals("/voicemail")) {
                action = session.onVoicemail();
            } else if (text.startsWith("#")) {
                action = null;
                for (char k : text.substring(1).toCharArray()) {
                    if (session.ended()) break;
                    if (k != ' ') action = session.onDtmf(k);
                }
                if (action == null) continue;
            } else {
                UserTurn turn = intents == null ? UserTurn.words(text) : intents.classify(text);
                if (turn.intent() != null) {
                    out.printf(Locale.ROOT, "     (intent %s %.2f)%n", turn.intent(), turn.confidence());
                }
                action = session.onUtterance(turn);
            }
            print(action, out);
        }
        SessionRecord r = session.record();
        out.println("-- " + r.outcome().kind().name().toLowerCase(Locale.ROOT)
                + (r.outcome().queue() != null ? " to " + r.outcome().queue() : "")
                + (r.outcome().reason() != null ? " (" + r.outcome().reason() + ")" : "")
                + (r.outcome().escalation() != null ? " after " + r.outcome().escalation().name().toLowerCase(Locale.ROOT) : "")
                + ", " + r.rounds() + " rounds, slots " + r.slots() + (r.unanswered().isEmpty() ? "" : ", unanswered " + r.unanswered()));
        return r;
    }

    private static void print(BotAction action, PrintStream out) {
        action.sentences().forEach(s -> out.println("bot: " + s.text()));
        if (action.then() instanceof NextStep.Transfer t) out.println("bot: [transfer to " + t.queue() + ": " + t.reason() + "]");
        if (action.then() instanceof NextStep.HangUp) out.println("bot: [hang up]");
    }
}
