package io.callsight.nlp.rules;

/** A keyword or phrase as written in a rules file, with its line. */
public record Keyword(String text, int line) {}
