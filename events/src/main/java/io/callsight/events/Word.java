package io.callsight.events;

/** A recognized word with its time span from call start and the recognizer's confidence in [0, 1]. */
public record Word(String word, long startMs, long endMs, double confidence) {
}
