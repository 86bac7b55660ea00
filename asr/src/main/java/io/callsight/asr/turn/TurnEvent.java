package io.callsight.asr.turn;

/** What {@link CallerTurns} noticed on the caller's track; times are on the caller stream's time line (ms). */
public sealed interface TurnEvent permits TurnEvent.SpeechStarted, TurnEvent.Partial, TurnEvent.TurnEnded {
    long atMs();

    /** The caller started talking: enough voiced audio that it is not a click or a breath. */
    record SpeechStarted(long atMs) implements TurnEvent {}

    /** What the caller has said so far in this turn (finals of the turn plus the recognizer's partial). */
    record Partial(long atMs, String text) implements TurnEvent {
        public int words() {
            return CallerTurns.countWords(text);
        }
    }

    /**
     * The caller's turn is over. {@code speechEndedMs}: where the last voiced audio ended (what response latency is
     * measured from); {@code atMs}: when the turn was decided (speechEndedMs plus the end-of-turn silence, or the
     * recognizer's endpoint).
     */
    record TurnEnded(long atMs, long speechEndedMs, String text, double confidence, Cause cause) implements TurnEvent {}

    enum Cause {
        /** The end-of-turn silence passed after speech. */
        SILENCE,
        /** The recognizer finalized words the voice detector had not taken for speech. */
        RECOGNIZER
    }
}
