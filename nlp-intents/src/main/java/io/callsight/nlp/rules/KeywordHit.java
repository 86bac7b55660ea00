package io.callsight.nlp.rules;

/** A keyword found in an utterance; [start, end) indexes the original text, {@code matchedText} is that slice. */
public record KeywordHit(String group, String keyword, String matchedText, int start, int end, MatchKind kind) {}
