package io.callsight.dialog.engine;

/** What the bot does once it has spoken. */
public sealed interface NextStep permits NextStep.Listen, NextStep.Transfer, NextStep.HangUp {
    /** Wait for the caller; call {@code onNoInput()} if nothing is heard within {@code noInputTimeoutMs}. */
    record Listen(long noInputTimeoutMs) implements NextStep {}

    /** Hand the call to a human queue; {@code reason} is shown to the agent. */
    record Transfer(String queue, String reason) implements NextStep {}

    record HangUp(Outcome outcome) implements NextStep {}
}
