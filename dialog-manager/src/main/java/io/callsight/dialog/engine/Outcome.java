package io.callsight.dialog.engine;

/**
 * How a bot session ended. {@code queue} is set for transfers; {@code reason} is the flow's reason
 * ("lost_card", "identity_not_verified") or the escalation's; {@code escalation} says which limit forced a
 * transfer or hang-up (null when the flow chose it), the number ContactBot reports count.
 */
public record Outcome(Kind kind, String queue, String reason, Escalation escalation) {
    public enum Kind { COMPLETED, FAILED, TRANSFERRED, ABANDONED, VOICEMAIL }

    /** The limit that ended a session the flow did not end itself. */
    public enum Escalation { NO_INPUT_LIMIT, NO_MATCH_LIMIT, MAX_TURNS }

    public static Outcome transferred(String queue, String reason, Escalation escalation) {
        return new Outcome(Kind.TRANSFERRED, queue, reason, escalation);
    }

    public static Outcome of(Kind kind, String reason) {
        return new Outcome(kind, null, reason, null);
    }
}
