package io.callsight.dialog.flow;

/** An edge of the flow graph: on {@code trigger} (an intent name or a DTMF key) go to state {@code target}. */
public record Transition(String trigger, String target, int line) {}
