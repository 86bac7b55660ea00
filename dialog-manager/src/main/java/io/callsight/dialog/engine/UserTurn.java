package io.callsight.dialog.engine;

/**
 * What the caller said in one turn: the final transcript and what the NLU made of it. {@code intent} may be null
 * (no model, or nothing recognized); {@code confidence} is the model's, compared with the flow's threshold.
 */
public record UserTurn(String text, String intent, double confidence) {
    public static UserTurn of(String text, String intent, double confidence) {
        return new UserTurn(text, intent, confidence);
    }

    /** Words without an intent: slot answers ("four five six seven", "yes") need none. */
    public static UserTurn words(String text) {
        return new UserTurn(text, null, 0);
    }
}
