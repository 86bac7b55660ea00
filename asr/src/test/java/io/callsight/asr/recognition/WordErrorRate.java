package io.callsight.asr.recognition;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Word error rate: (substitutions + deletions + insertions) / reference words, after normalizing both texts
 * (lower case, punctuation removed, hyphens split words, apostrophes inside words kept). Test code for now.
 */
final class WordErrorRate {
    private WordErrorRate() {
    }

    static List<String> normalize(String text) {
        String cleaned = text.toLowerCase(Locale.ROOT)
                .replaceAll("[’‘]", "'")
                .replaceAll("[^\\p{L}\\p{N}']+", " ") // punctuation and hyphens become word breaks
                .replaceAll("(?<![\\p{L}\\p{N}])'|'(?![\\p{L}\\p{N}])", " ") // quotes, not apostrophes
                .trim();
        return cleaned.isEmpty() ? List.of() : Arrays.asList(cleaned.split("\\s+"));
    }

    /** Minimum number of word substitutions, deletions and insertions turning reference into hypothesis. */
    static int editDistance(List<String> reference, List<String> hypothesis) {
        int[] previous = new int[hypothesis.size() + 1];
        int[] current = new int[hypothesis.size() + 1];
        for (int j = 0; j <= hypothesis.size(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= reference.size(); i++) {
            current[0] = i;
            for (int j = 1; j <= hypothesis.size(); j++) {
                int substitution = previous[j - 1] + (reference.get(i - 1).equals(hypothesis.get(j - 1)) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[hypothesis.size()];
    }

    static double wer(String reference, String hypothesis) {
        List<String> ref = normalize(reference);
        if (ref.isEmpty()) {
            throw new IllegalArgumentException("empty reference");
        }
        return (double) editDistance(ref, normalize(hypothesis)) / ref.size();
    }
}
