package io.callsight.nlp.insights;

import java.nio.charset.StandardCharsets;

/**
 * Grayscale routing: a call goes to the candidate model when the FNV-1a hash of its call id, mod 10 000, is below
 * {@code share × 10 000}. The hash depends on the call id only, so both tracks and every utterance of a call see
 * the same model, on every task manager and after a restart, and raising the share only adds calls.
 */
public final class TrafficSplit {
    static final int SLOTS = 10_000;
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private TrafficSplit() {
    }

    public static boolean toCandidate(String callId, double share) {
        if (share <= 0) {
            return false;
        }
        return slot(callId) < Math.round(share * SLOTS);
    }

    /** The call's slot in [0, 10 000). */
    static int slot(String callId) {
        long h = FNV_OFFSET;
        for (byte b : callId.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= FNV_PRIME;
        }
        return (int) Long.remainderUnsigned(h, SLOTS);
    }
}
