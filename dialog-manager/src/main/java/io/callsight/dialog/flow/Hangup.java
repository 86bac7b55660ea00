package io.callsight.dialog.flow;

/** A state that ends the call; {@code reason} is optional detail for reports ("identity_not_verified"). */
public record Hangup(HangupOutcome outcome, String reason, int line) {}
