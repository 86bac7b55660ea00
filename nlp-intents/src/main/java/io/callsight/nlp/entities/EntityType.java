package io.callsight.nlp.entities;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Entity types the extractor produces. Tenant intent files name slot types with {@link #yamlName()}
 * ("money", "card_number"); the intent validator rejects any other name.
 */
public enum EntityType {
    NUMBER, MONEY, DATE, TIME, PHONE, ACCOUNT_NUMBER, CARD_NUMBER, EMAIL, PERSON, PLACE, ORGANIZATION;

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepts "card_number", "CARD_NUMBER", "card-number"; plus the short aliases "account" and "card". */
    public static Optional<EntityType> fromName(String name) {
        if (name == null) return Optional.empty();
        String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (n.equals("ACCOUNT")) return Optional.of(ACCOUNT_NUMBER);
        if (n.equals("CARD")) return Optional.of(CARD_NUMBER);
        if (n.equals("LOCATION")) return Optional.of(PLACE);
        return Arrays.stream(values()).filter(t -> t.name().equals(n)).findFirst();
    }

    public static String knownNames() {
        return Arrays.stream(values()).map(EntityType::yamlName).collect(Collectors.joining(", "));
    }
}
