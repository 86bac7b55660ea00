package io.callsight.nlp.redaction;

/** A redacted stretch [start, end) of the ORIGINAL text. */
public record PiiSpan(PiiCategory category, int start, int end, String text) {
    boolean overlaps(PiiSpan o) {
        return start < o.end && o.start < end;
    }
}
