package io.callsight.dialog.flow;

/** Who placed the call: the caller (inbound) or the bot (outbound, where a voicemail message may be left). */
public enum Direction {
    INBOUND, OUTBOUND
}
