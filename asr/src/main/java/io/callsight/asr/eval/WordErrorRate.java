package io.callsight.asr.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Word error rate: (substitutions + deletions + insertions) / reference words, after the usual
 * normalization (lower case, punctuation dropped, apostrophes kept so "it's" stays one word).
 */
public final class WordErrorRate {
    private WordErrorRate() {
    }

    /** Edit counts, so several utterances or calls can be pooled before dividing. */
    public record Score(int errors, int referenceWords) {
        public static final Score ZERO = new Score(0, 0);

        public Score plus(Score other) {
            return new Score(errors + other.errors, referenceWords + other.referenceWords);
        }

        public double rate() {
            return referenceWords == 0 ? (errors == 0 ? 0 : 1) : (double) errors / referenceWords;
        }
    }

    public static double of(String reference, String hypothesis) {
        return score(reference, hypothesis).rate();
    }

    public static Score score(String reference, String hypothesis) {
        List<String> ref = normalize(reference);
        List<String> hyp = normalize(hypothesis);
        int[] previous = new int[hyp.size() + 1];
        int[] current = new int[hyp.size() + 1];
        for (int j = 0; j <= hyp.size(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= ref.size(); i++) {
            current[0] = i;
            for (int j = 1; j <= hyp.size(); j++) {
                int substitution = previous[j - 1] + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return new Score(previous[hyp.size()], ref.size());
    }

    public static List<String> normalize(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String cleaned = text.toLowerCase(Locale.ROOT)
                .replace('’', '\'')
                .replaceAll("[^\\p{L}\\p{N}' ]+", " ")
                .replaceAll("(^|\\s)'+|'+(\\s|$)", " ")
                .trim();
        return cleaned.isEmpty() ? List.of() : Arrays.asList(cleaned.split("\\s+"));
    }
}
