package io.callsight.nlp.classify;

/** A token: lowercased text, and whether it is Chinese (Han script), which selects the char n-gram scheme. */
public record Token(String text, boolean cjk) {}
