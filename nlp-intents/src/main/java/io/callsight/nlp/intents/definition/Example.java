package io.callsight.nlp.intents.definition;

/** A training utterance and the line it was written on. */
public record Example(String text, int line) {}
