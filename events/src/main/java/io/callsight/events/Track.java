package io.callsight.events;

/** One side of a call. Stereo recordings carry the customer on the left channel and the agent on the right. */
public enum Track {
    CUSTOMER,
    AGENT,
    BOT;

    /** Channel index in a stereo recording or AudioHook stream (0 = external party). */
    public static Track forChannel(int channel) {
        return switch (channel) {
            case 0 -> CUSTOMER;
            case 1 -> AGENT;
            default -> throw new IllegalArgumentException("no track for channel " + channel + " (only 0 and 1)");
        };
    }
}
