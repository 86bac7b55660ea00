package io.callsight.dialog.slots;

/** Reads one slot type from a caller's words or from the keys they pressed. */
interface SlotParser {
    SlotResult fromSpeech(String text, SlotSpec spec);

    /** {@code keys} are DTMF digits without the terminating '#'. */
    SlotResult fromKeys(String keys, SlotSpec spec);
}
