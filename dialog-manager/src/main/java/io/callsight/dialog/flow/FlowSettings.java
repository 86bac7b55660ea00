package io.callsight.dialog.flow;

/**
 * Per-flow limits. No-input and no-match counts are per state: a caller who struggled with the account number
 * starts afresh on the PIN. {@code escalation} is where the limits send the caller (null: hang up instead).
 *
 * @param bargeInMinWords  words of a partial transcript that count as the caller interrupting; one word is
 *                         too often a cough or "uh-huh" said over the prompt
 * @param minIntentConfidence intents below this confidence are treated as not understood
 */
public record FlowSettings(int maxTurns, int noInputLimit, int noMatchLimit, long noInputTimeoutMs, int bargeInMinWords,
                           double minIntentConfidence, TransferTarget escalation, MaxTurnsAction onMaxTurns) {
    public static final FlowSettings DEFAULTS = new FlowSettings(20, 3, 3, 5000, 2, 0.5, null, MaxTurnsAction.TRANSFER);
}
