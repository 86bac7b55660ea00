package io.callsight.dialog.slots;

import io.callsight.nlp.text.Normalizer;
import io.callsight.nlp.text.Token;

/**
 * A digit string (account number, PIN, last digits of a card) read out ("four five six seven", "double two",
 * "five oh five", "45 67") or keyed in. Every number the caller said is joined, because callers pause and group
 * digits ("one two three four ... five six seven eight") and the recognizer splits them the same way.
 */
final class DigitsParser implements SlotParser {
    private final Normalizer normalizer = new Normalizer();

    @Override
    public SlotResult fromSpeech(String text, SlotSpec spec) {
        StringBuilder digits = new StringBuilder();
        for (Token t : normalizer.tokens(text)) {
            if (t.isDigitRun()) digits.append(t.text());
        }
        if (digits.length() == 0) return SlotResult.absent();
        return checked(digits.toString(), spec);
    }

    @Override
    public SlotResult fromKeys(String keys, SlotSpec spec) {
        if (!keys.chars().allMatch(Character::isDigit)) return SlotResult.invalid("keys other than digits: " + keys);
        return checked(keys, spec);
    }

    private static SlotResult checked(String digits, SlotSpec spec) {
        int n = digits.length();
        if (spec.length() != null && n != spec.length()) {
            return SlotResult.invalid(n + " digits where " + spec.length() + " are needed");
        }
        if (spec.minLength() != null && n < spec.minLength()) {
            return SlotResult.invalid(n + " digits, fewer than " + spec.minLength());
        }
        if (spec.maxLength() != null && n > spec.maxLength()) {
            return SlotResult.invalid(n + " digits, more than " + spec.maxLength());
        }
        return SlotResult.filled(new SlotValue(SlotType.DIGITS, digits, String.join(" ", digits.split(""))));
    }
}
