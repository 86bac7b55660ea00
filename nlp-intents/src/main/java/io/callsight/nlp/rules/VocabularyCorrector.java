package io.callsight.nlp.rules;

import io.callsight.nlp.text.LanguageDetector;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Rewrites recognizer output toward a tenant's vocabulary (product names, brands, plans) using the same phonetic
 * matching as keyword spotting: "know the telecom" → "Nova Telecom". Conservative by design, since a wrong
 * correction is worse than none: terms need at least 4 letters (2 Han characters); single-word English terms must
 * match with zero key distance and may not replace a common English word; only phonetic matches are rewritten
 * (exact ones only get the vocabulary's casing when {@code fixCase}).
 */
public final class VocabularyCorrector {
    /** One rewrite: [start, end) in the input text. */
    public record Correction(String original, String replacement, int start, int end) {}

    public record Result(String text, List<Correction> corrections) {
        public Result {
            corrections = List.copyOf(corrections);
        }
    }

    // Frequent words a recognizer legitimately outputs; never rewritten into a one-word brand.
    private static final Set<String> COMMON = Set.copyOf(java.util.Arrays.asList("know", "now", "no", "new", "nova", "never", "over", "offer",
            "phone", "fine", "find", "line", "time", "name", "number", "call", "called", "card", "cart", "car", "bill",
            "build", "plan", "plans", "price", "prize", "place", "please", "sure", "shore", "there", "their", "where",
            "were", "well", "will", "want", "what", "which", "with", "would", "could", "should", "about", "above",
            "again", "after", "before", "because", "people", "other", "another", "money", "month", "monday",
            "thanks", "thank", "think", "thing", "things", "right", "write", "light", "night", "might", "mobile",
            "model", "modem", "metal", "middle", "little", "total", "today", "tomorrow", "account", "amount",
            "service", "services", "serve", "survey", "surface", "internet", "interest", "network", "working",
            "speed", "speak", "speaker", "spend", "open", "often", "also", "all", "always", "away", "okay",
            "very", "soon", "some", "same", "seem", "sun", "son", "zone", "sign", "signal", "fix", "fax", "fit",
            "feet", "fee", "free", "three", "tree", "try", "true", "to", "too", "two", "for", "four", "from",
            "have", "has", "had", "here", "hear", "hello", "help", "home", "hold", "how", "just", "keep", "like",
            "long", "look", "make", "many", "more", "most", "much", "must", "need", "nice", "not", "nothing",
            "only", "out", "own", "part", "pay", "paid", "really", "said", "say", "see", "send", "set", "still",
            "such", "take", "tell", "than", "then", "them", "these", "those", "though", "through", "up", "us",
            "use", "used", "way", "when", "who", "why", "work", "year", "yes", "yet", "back", "bad", "best",
            "better", "big", "came", "can", "come", "could", "day", "did", "done", "down", "each", "even",
            "ever", "every", "few", "first", "get", "give", "go", "going", "good", "great", "into", "last",
            "let", "made", "may", "mean", "next", "off", "one", "put", "ready", "said", "sent", "since", "sorry",
            "talk", "team", "text", "any", "anything", "something", "everything", "ask", "asked"));

    private static boolean isCommon(String w) {
        return COMMON.contains(w) || PhraseMatcher.FUNCTION_WORDS.contains(w);
    }

    private final PhraseMatcher matcher;
    private final boolean fixCase;

    public VocabularyCorrector(List<String> vocabulary) {
        this(vocabulary, false);
    }

    public VocabularyCorrector(List<String> vocabulary, boolean fixCase) {
        List<PhraseMatcher.Phrase> phrases = new ArrayList<>();
        for (String term : vocabulary) {
            if (term == null) continue;
            boolean han = LanguageDetector.containsHan(term);
            long letters = term.codePoints().filter(Character::isLetter).count();
            if (han ? letters < 2 : letters < 4) continue;
            phrases.add(new PhraseMatcher.Phrase("vocabulary", term));
        }
        this.matcher = new PhraseMatcher(phrases);
        this.fixCase = fixCase;
    }

    public Result correct(String text) {
        List<PhraseMatcher.Scored> allowed = new ArrayList<>();
        for (PhraseMatcher.Scored s : matcher.candidates(text)) {
            KeywordHit h = s.hit();
            boolean singleWord = !LanguageDetector.containsHan(h.keyword()) && !h.keyword().trim().contains(" ");
            if (h.kind() == MatchKind.PHONETIC && singleWord) {
                if (s.distance() > 0) continue;
                String matched = h.matchedText().toLowerCase(Locale.ROOT);
                if (isCommon(matched)) continue;
                if (matched.contains(" ") && java.util.Arrays.stream(matched.split("\\s+")).allMatch(VocabularyCorrector::isCommon)) continue;
            }
            allowed.add(s);
        }
        List<Correction> corrections = new ArrayList<>();
        for (PhraseMatcher.Scored s : PhraseMatcher.resolve(allowed)) {
            KeywordHit h = s.hit();
            if (h.kind() == MatchKind.EXACT && !(fixCase && !h.matchedText().equals(h.keyword()))) continue;
            corrections.add(new Correction(h.matchedText(), h.keyword(), h.start(), h.end()));
        }
        StringBuilder sb = new StringBuilder(text);
        for (int i = corrections.size() - 1; i >= 0; i--) {
            Correction c = corrections.get(i);
            sb.replace(c.start(), c.end(), c.replacement());
        }
        return new Result(sb.toString(), corrections);
    }
}
