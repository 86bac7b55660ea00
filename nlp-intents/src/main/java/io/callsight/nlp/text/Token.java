package io.callsight.nlp.text;

import java.util.List;

/**
 * One normalized token with its span [start, end) in the ORIGINAL text, so detectors working on normalized
 * words can still point at (and redact) the characters the recognizer produced.
 *
 * @param text   normalized form: lowercase word, or the digits of a number ("four five six" → "456")
 * @param number true for number tokens (spoken or written)
 * @param groups for spoken numbers, the values of the spoken groups in order ("nine thirty" → [9, 30],
 *               "twenty one" → [21]); a single group for written numbers
 * @param parts  the written/spoken pieces merged into this token, each with its own span (one part if unmerged)
 */
public record Token(String text, int start, int end, boolean number, List<Long> groups, List<Part> parts) {
    public Token {
        groups = List.copyOf(groups);
        parts = List.copyOf(parts);
    }

    public static Token word(String text, int start, int end) {
        return new Token(text, start, end, false, List.of(), List.of(new Part(text, start, end, false)));
    }

    /** True for numbers made of digits only (a candidate digit run), false for "3.5" or "25,000". */
    public boolean isDigitRun() {
        return number && !text.isEmpty() && text.chars().allMatch(Character::isDigit);
    }

    /** True if any part came from spoken words rather than written digits. */
    public boolean spoken() {
        return parts.stream().anyMatch(Part::spoken);
    }

    /** A piece of a merged number token. */
    public record Part(String text, int start, int end, boolean spoken) {}
}
