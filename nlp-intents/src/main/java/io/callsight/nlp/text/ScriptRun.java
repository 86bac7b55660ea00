package io.callsight.nlp.text;

/** A maximal stretch of text in one script: Han characters, or everything else. Offsets are UTF-16 indices. */
public record ScriptRun(String text, int start, int end, boolean han) {}
