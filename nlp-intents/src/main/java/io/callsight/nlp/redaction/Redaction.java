package io.callsight.nlp.redaction;

import java.util.List;

/** Redacted text (placeholders such as "[CARD]") and what was removed, in order of position. */
public record Redaction(String text, List<PiiSpan> spans) {
    public Redaction {
        spans = List.copyOf(spans);
    }
}
