package io.callsight.nlp.training;

/** One labeled utterance. */
public record Example(String text, String label) {}
