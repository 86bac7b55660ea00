package io.callsight.asr.recognition;

/**
 * The recognizer's current hypothesis for the utterance it has not finished: its text so far and where its first
 * word starts, relative to the first audio fed ({@link #UNKNOWN_START} when the engine does not say). It can still
 * change with every chunk of audio; the final result replaces it.
 */
public record RecognizedPartial(String text, long startMs) {
    public static final long UNKNOWN_START = -1;
    public static final RecognizedPartial NONE = new RecognizedPartial("", UNKNOWN_START);

    public RecognizedPartial {
        text = text == null ? "" : text.trim();
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }
}
