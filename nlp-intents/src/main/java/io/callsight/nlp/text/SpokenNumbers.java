package io.callsight.nlp.text;

import java.util.Map;
import java.util.OptionalInt;

/** Vocabulary of English spoken numbers, shared by the normalizer and the date/time extractor. */
public final class SpokenNumbers {
    private SpokenNumbers() {}

    static final Map<String, Integer> UNITS = Map.ofEntries(
            Map.entry("zero", 0), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3),
            Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7),
            Map.entry("eight", 8), Map.entry("nine", 9));
    static final Map<String, Integer> TEENS = Map.ofEntries(
            Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("thirteen", 13),
            Map.entry("fourteen", 14), Map.entry("fifteen", 15), Map.entry("sixteen", 16),
            Map.entry("seventeen", 17), Map.entry("eighteen", 18), Map.entry("nineteen", 19));
    static final Map<String, Integer> TENS = Map.of(
            "twenty", 20, "thirty", 30, "forty", 40, "fifty", 50, "sixty", 60, "seventy", 70, "eighty", 80,
            "ninety", 90);
    static final Map<String, Long> SCALES = Map.of("thousand", 1_000L, "million", 1_000_000L, "billion", 1_000_000_000L);
    private static final Map<String, Integer> ORDINALS = Map.ofEntries(
            Map.entry("first", 1), Map.entry("second", 2), Map.entry("third", 3), Map.entry("fourth", 4),
            Map.entry("fifth", 5), Map.entry("sixth", 6), Map.entry("seventh", 7), Map.entry("eighth", 8),
            Map.entry("ninth", 9), Map.entry("tenth", 10), Map.entry("eleventh", 11), Map.entry("twelfth", 12),
            Map.entry("thirteenth", 13), Map.entry("fourteenth", 14), Map.entry("fifteenth", 15),
            Map.entry("sixteenth", 16), Map.entry("seventeenth", 17), Map.entry("eighteenth", 18),
            Map.entry("nineteenth", 19), Map.entry("twentieth", 20), Map.entry("thirtieth", 30));

    /**
     * Words a recognizer writes for a digit it heard ("for" for 4, "to"/"too" for 2, "won" for 1, "ate" for 8,
     * "oh" for 0). They are digits only inside a number being read out: elsewhere they are the words they look like.
     */
    private static final Map<String, Integer> HOMOPHONES = Map.of("for", 4, "to", 2, "too", 2, "won", 1, "ate", 8, "oh", 0);

    /** The digit a homophone may stand for, or empty. */
    public static OptionalInt homophoneDigit(String word) {
        Integer v = HOMOPHONES.get(word.toLowerCase(java.util.Locale.ROOT));
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    /** "fourth" → 4, "4th" → 4; empty for anything else. */
    public static OptionalInt ordinal(String word) {
        String w = word.toLowerCase(java.util.Locale.ROOT);
        Integer v = ORDINALS.get(w);
        if (v != null) return OptionalInt.of(v);
        if (w.matches("\\d{1,2}(st|nd|rd|th)")) return OptionalInt.of(Integer.parseInt(w.substring(0, w.length() - 2)));
        return OptionalInt.empty();
    }

    /** Value of a single cardinal word (units, teens, tens), or empty. */
    public static OptionalInt cardinalWord(String word) {
        String w = word.toLowerCase(java.util.Locale.ROOT);
        Integer v = UNITS.get(w);
        if (v == null) v = TEENS.get(w);
        if (v == null) v = TENS.get(w);
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    static String ordinalSuffix(long n) {
        long h = n % 100;
        if (h >= 11 && h <= 13) return n + "th";
        return switch ((int) (n % 10)) {
            case 1 -> n + "st";
            case 2 -> n + "nd";
            case 3 -> n + "rd";
            default -> n + "th";
        };
    }
}
