package io.callsight.nlp.rules;

/** How a keyword matched: the same words, or words that sound the same (an ASR error, a spelling variant). */
public enum MatchKind { EXACT, PHONETIC }
