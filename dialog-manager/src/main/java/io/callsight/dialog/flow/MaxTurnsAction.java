package io.callsight.dialog.flow;

/** What a flow does when a call reaches max_turns without ending. */
public enum MaxTurnsAction {
    TRANSFER, HANGUP
}
