package io.callsight.dialog.engine;

import java.util.List;

/**
 * One exchange: what the caller did in a state and what the bot answered. {@code heard} is the transcript or the
 * keys pressed (masked for sensitive slots); {@code result} says how the engine took it.
 */
public record TurnRecord(int turn, String state, Input input, String heard, String intent, double confidence,
                         Result result, List<String> botSaid, String action, boolean bargedIn) {
    public TurnRecord {
        botSaid = List.copyOf(botSaid);
    }

    public enum Input { START, SPEECH, DTMF, NO_INPUT, VOICEMAIL }

    public enum Result {
        /** The bot opened the conversation. */
        GREETING,
        TRANSITION, FAQ_ANSWER, SLOT_FILLED, SLOT_INVALID, CONFIRMED, REJECTED, NO_MATCH, NO_INPUT, ESCALATED,
        VOICEMAIL
    }

    TurnRecord interrupted() {
        return new TurnRecord(turn, state, input, heard, intent, confidence, result, botSaid, action, true);
    }
}
