package io.callsight.nlp.data;

/** One labeled utterance. */
public record Example(String text, String label) {}
