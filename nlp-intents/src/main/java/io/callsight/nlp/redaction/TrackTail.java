package io.callsight.nlp.redaction;

import java.io.Serializable;

/**
 * The end of a track's previous utterance, kept so that a number whose reading a pause split in two is still
 * recognized: "my policy number is four seven one" | "zero nine two six eight". Plain fields, so the speech job
 * keeps one per call track in Flink state.
 * <p>It holds the trailing run of number words and the {@link #CONTEXT_WORDS} words before it (the cue: "card
 * number is", "date of birth"), as recognized, i.e. possibly part of a personal number: it lives only until the
 * next utterance of the track, and at most {@link #MAX_PAUSE_MS} of call time.
 *
 * @param text  the carried words, as recognized
 * @param endMs when the utterance ended, in call time
 */
public record TrackTail(String text, long endMs) implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final TrackTail NONE = new TrackTail("", Long.MIN_VALUE);
    /** A longer pause than this between two utterances ends a number being read out. */
    public static final long MAX_PAUSE_MS = 6_000;
    static final int CONTEXT_WORDS = 5;
    /** Longer than any card number read out word by word with a few fillers. */
    static final int MAX_RUN_WORDS = 28;

    public TrackTail {
        text = text == null ? "" : text;
    }

    /** The tail of an utterance that ended at {@code endMs}. */
    public static TrackTail of(String utterance, long endMs) {
        if (utterance == null || utterance.isBlank()) return NONE;
        int start = ReadOutNumbers.tailStart(utterance, CONTEXT_WORDS, MAX_RUN_WORDS, Redactor::isInterruption,
                Redactor.INTERRUPTION_WORDS);
        return new TrackTail(utterance.substring(start), endMs);
    }

    /** This tail if the next utterance, starting at {@code startMs}, may continue it; {@link #NONE} otherwise. */
    public TrackTail continuedAt(long startMs) {
        return isEmpty() || startMs - endMs > MAX_PAUSE_MS ? NONE : this;
    }

    public boolean isEmpty() {
        return text.isBlank();
    }
}
