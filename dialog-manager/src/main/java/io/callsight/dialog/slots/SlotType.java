package io.callsight.dialog.slots;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a slot holds; flow files name it with {@link #yamlName()} ("yes_no", "digits"). */
public enum SlotType {
    DATE, TIME, NUMBER, YES_NO, DIGITS;

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SlotType> fromName(String name) {
        if (name == null) return Optional.empty();
        String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(t -> t.name().equals(n)).findFirst();
    }

    public static String knownNames() {
        return Arrays.stream(values()).map(SlotType::yamlName).collect(Collectors.joining(", "));
    }
}
