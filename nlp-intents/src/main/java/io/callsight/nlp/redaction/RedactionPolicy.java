package io.callsight.nlp.redaction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a tenant wants removed. {@code minDigitRun}: digit runs at least this long are redacted as
 * {@link PiiCategory#DIGIT_RUN} when that category is on (also catches cards/phones whose own category is off).
 */
public record RedactionPolicy(Set<PiiCategory> categories, int minDigitRun) {
    public RedactionPolicy {
        categories = categories.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(categories));
        if (minDigitRun < 1) throw new IllegalArgumentException("minDigitRun must be >= 1, was " + minDigitRun);
    }

    public static RedactionPolicy all() {
        return new RedactionPolicy(EnumSet.allOf(PiiCategory.class), 6);
    }

    public static RedactionPolicy of(PiiCategory... categories) {
        return new RedactionPolicy(categories.length == 0 ? Set.of() : EnumSet.of(categories[0], categories), 6);
    }

    /** From tenant config names ("card", "phone", "digit_run"...); unknown names are an error, listed together. */
    public static RedactionPolicy fromNames(Collection<String> names, int minDigitRun) {
        Set<PiiCategory> set = EnumSet.noneOf(PiiCategory.class);
        List<String> unknown = new ArrayList<>();
        for (String n : names) PiiCategory.fromName(n).ifPresentOrElse(set::add, () -> unknown.add(n));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown redaction categories " + unknown + "; known: "
                    + java.util.Arrays.toString(PiiCategory.values()).toLowerCase(java.util.Locale.ROOT));
        }
        return new RedactionPolicy(set, minDigitRun);
    }

    public boolean covers(PiiCategory c) {
        return categories.contains(c);
    }
}
