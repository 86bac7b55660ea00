package io.callsight.nlp.redaction;

import java.util.Locale;
import java.util.Optional;

/** Kinds of personal data removed before transcripts are indexed, with the placeholder each leaves behind. */
public enum PiiCategory {
    EMAIL("[EMAIL]"),
    CN_RESIDENT_ID("[CN_ID]"),
    SSN("[SSN]"),
    UK_NI("[NI_NUMBER]"),
    CARD("[CARD]"),
    PHONE("[PHONE]"),
    /** Dates of birth, spoken or written, found by a birth word before them or by being decades back. */
    DOB("[DOB]"),
    /** Any other run of digits at least {@link RedactionPolicy#minDigitRun()} long: account numbers, CVVs read with expiry, PINs... */
    DIGIT_RUN("[DIGITS]");

    private final String placeholder;

    PiiCategory(String placeholder) {
        this.placeholder = placeholder;
    }

    public String placeholder() {
        return placeholder;
    }

    public static Optional<PiiCategory> fromName(String name) {
        if (name == null) return Optional.empty();
        String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (PiiCategory c : values()) if (c.name().equals(n)) return Optional.of(c);
        return switch (n) {
            case "CARD_NUMBER" -> Optional.of(CARD);
            case "NI", "NI_NUMBER" -> Optional.of(UK_NI);
            case "CN_ID" -> Optional.of(CN_RESIDENT_ID);
            case "DIGITS" -> Optional.of(DIGIT_RUN);
            case "DATE_OF_BIRTH", "BIRTH_DATE", "BIRTHDATE" -> Optional.of(DOB);
            default -> Optional.empty();
        };
    }
}
