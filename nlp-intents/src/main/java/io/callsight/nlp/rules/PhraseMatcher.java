package io.callsight.nlp.rules;

import io.callsight.nlp.text.ChineseText;
import io.callsight.nlp.text.LanguageDetector;
import io.callsight.nlp.text.Normalizer;
import io.callsight.nlp.text.Token;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Finds phrases in recognized text, tolerating recognition errors.
 * <p>English: the text is normalized into tokens; every window of n-1..n+1 tokens (n = phrase length) is compared
 * with the phrase by words (EXACT) or by the concatenated Double Metaphone keys of its words (PHONETIC), so word
 * boundary errors ("know the telecom" for "Nova Telecom") still match. The key distance is a weighted edit
 * distance where sounds recognizers confuse (th/f, s/sh, p/f, n/m) cost half. Tolerance grows with key length
 * (0 below 4 sounds, 1 below 8, 2 from 8; single words 0 below 6 sounds, else 1); the first sound and the word count must agree, and a window may not
 * begin or end on a function word unless the phrase does — these keep common words from matching.
 * <p>Chinese: windows of the phrase's character count compared by characters (EXACT) or by toneless "fuzzy"
 * pinyin (PHONETIC): zh/z, ch/c, sh/s, n/l, -ng/-n merged, as in southern Mandarin and in ASR confusions.
 */
public final class PhraseMatcher {
    public record Phrase(String group, String text) {}

    /** A hit plus the key distance that produced it (0 for exact). */
    public record Scored(KeywordHit hit, double distance) {}

    static final Set<String> FUNCTION_WORDS = Set.of("a", "an", "the", "of", "to", "in", "on", "at", "for", "and",
            "or", "but", "is", "are", "was", "it", "i", "you", "we", "he", "she", "they", "me", "my", "your", "our",
            "be", "so", "do", "uh", "um", "oh", "that", "this", "with", "as", "by");

    private final PhoneticKeys dm = new PhoneticKeys(12);
    private final Normalizer normalizer = new Normalizer();
    private final List<Compiled> phrases = new ArrayList<>();
    private final boolean sameSoundOnly;

    private record Compiled(Phrase phrase, boolean chinese, List<String> words, String key, String altKey,
                            String hanChars, List<String> fuzzyPinyin) {}

    public PhraseMatcher(List<Phrase> phrases) {
        this(phrases, false);
    }

    /**
     * A matcher that takes phonetic matches only when the sounds are the same (homophones, words run together or
     * split), never merely close: for must-not-say rules, where a hit accuses an agent and "a credit" must not
     * count as "i guarantee", nor "you should have been" as "you should have known". Chinese keeps its
     * homophone rule, which already is exact sound (toneless, fuzzy-pinyin merged).
     */
    public static PhraseMatcher sameSound(List<Phrase> phrases) {
        return new PhraseMatcher(phrases, true);
    }

    private PhraseMatcher(List<Phrase> phrases, boolean sameSoundOnly) {
        this.sameSoundOnly = sameSoundOnly;
        for (Phrase p : phrases) {
            if (LanguageDetector.containsHan(p.text())) {
                String han = p.text().codePoints().filter(LanguageDetector::isHan)
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
                this.phrases.add(new Compiled(p, true, List.of(), "", "", han, fuzzy(ChineseText.pinyinPerChar(han))));
            } else {
                List<String> words = normalizer.tokens(p.text()).stream().map(Token::text).toList();
                if (words.isEmpty()) continue;
                this.phrases.add(new Compiled(p, false, words, key(words, false), key(words, true), "", List.of()));
            }
        }
    }

    /** Non-overlapping hits, see {@link #resolve}. */
    public List<KeywordHit> find(String text) {
        return findScored(text).stream().map(Scored::hit).toList();
    }

    /** Resolved, non-overlapping hits with their key distances. */
    public List<Scored> findScored(String text) {
        return resolve(candidates(text));
    }

    /** Every match of every phrase, overlapping; callers that filter (e.g. the corrector) resolve afterwards. */
    public List<Scored> candidates(String text) {
        List<Scored> all = new ArrayList<>();
        List<Token> tokens = null;
        List<String> keys = null, alts = null;
        List<String> pinyin = null;
        for (Compiled c : phrases) {
            if (c.chinese) {
                if (pinyin == null) pinyin = fuzzy(ChineseText.pinyinPerChar(text));
                matchChinese(c, text, pinyin, all);
            } else {
                if (tokens == null) {
                    tokens = normalizer.tokens(text);
                    keys = new ArrayList<>();
                    alts = new ArrayList<>();
                    for (Token t : tokens) {
                        PhoneticKeys.Keys k = wordKeys(t.text());
                        keys.add(k.primary());
                        alts.add(k.alternate());
                    }
                }
                matchEnglish(c, text, tokens, keys, alts, all);
            }
        }
        return all;
    }

    /**
     * Keeps non-overlapping hits: longer spans first (a product name beats the shorter brand inside it), then
     * exact before phonetic, then smaller key distance.
     */
    public static List<Scored> resolve(List<Scored> candidates) {
        List<Scored> all = new ArrayList<>(candidates);
        all.sort(Comparator.comparingInt((Scored s) -> -(s.hit().end() - s.hit().start()))
                .thenComparingInt(s -> s.hit().kind().ordinal()).thenComparingDouble(Scored::distance)
                .thenComparingInt(s -> s.hit().start()));
        List<Scored> kept = new ArrayList<>();
        for (Scored s : all) {
            if (kept.stream().noneMatch(k -> k.hit().start() < s.hit().end() && s.hit().start() < k.hit().end())) kept.add(s);
        }
        kept.sort(Comparator.comparingInt(s -> s.hit().start()));
        return kept;
    }

    private void matchEnglish(Compiled c, String text, List<Token> tokens, List<String> keys, List<String> alts,
                              List<Scored> out) {
        int n = c.words.size();
        for (int i = 0; i < tokens.size(); i++) {
            // one hit per start: the closest window, preferring the phrase's own word count
            Scored best = null;
            int bestSlack = Integer.MAX_VALUE;
            for (int len = Math.max(1, n - 1); len <= n + 1 && i + len <= tokens.size(); len++) {
                List<String> window = tokens.subList(i, i + len).stream().map(Token::text).toList();
                int s = tokens.get(i).start(), e = tokens.get(i + len - 1).end();
                Scored cand = null;
                if (window.equals(c.words)) {
                    cand = new Scored(hit(c, text, s, e, MatchKind.EXACT), 0);
                } else if (edgesOk(window, c.words)) {
                    String wk = String.join("", keys.subList(i, i + len));
                    String wa = String.join("", alts.subList(i, i + len));
                    if (wk.isEmpty() || c.key.isEmpty() || wk.charAt(0) != c.key.charAt(0)) continue;
                    double d = Math.min(Math.min(distance(wk, c.key), distance(wa, c.altKey)),
                            Math.min(distance(wk, c.altKey), distance(wa, c.key)));
                    // fewer words than the phrase: run-together words must sound the same, not merely close
                    // ("account" is one edit from "i guarantee")
                    double allowed = len < n || sameSoundOnly ? 0 : tolerance(c.key.length(), n);
                    if (d <= allowed && lettersClose(window, c.words)) {
                        cand = new Scored(hit(c, text, s, e, MatchKind.PHONETIC), d);
                    }
                }
                int slack = Math.abs(len - n);
                if (cand != null && (best == null || cand.distance() < best.distance()
                        || (cand.distance() == best.distance() && slack < bestSlack))) {
                    best = cand;
                    bestSlack = slack;
                }
            }
            if (best != null) out.add(best);
        }
    }

    private static boolean edgesOk(List<String> window, List<String> phrase) {
        boolean fwFirst = FUNCTION_WORDS.contains(window.get(0)), fwLast = FUNCTION_WORDS.contains(window.get(window.size() - 1));
        // ...unless the window has a word more than the phrase: recognizers split unknown names into short common
        // words ("Acme Bank" → "at me bank", "Shield Insurance" → "she on insurance")
        boolean split = window.size() > phrase.size();
        if (fwFirst && !split && !FUNCTION_WORDS.contains(phrase.get(0))) return false;
        if (fwLast && !FUNCTION_WORDS.contains(phrase.get(phrase.size() - 1))) return false;
        // a window made only of function words never matches phonetically
        return !window.stream().allMatch(FUNCTION_WORDS::contains);
    }

    private static boolean lettersClose(List<String> window, List<String> phrase) {
        int a = window.stream().mapToInt(String::length).sum(), b = phrase.stream().mapToInt(String::length).sum();
        return Math.abs(a - b) <= Math.max(2, b / 3);
    }

    /** Single words have no word-boundary evidence, so they need a longer key before any slack is given. */
    static int tolerance(int keyLength, int words) {
        if (words == 1) return keyLength < 6 ? 0 : 1;
        return keyLength < 4 ? 0 : keyLength < 8 ? 1 : 2;
    }

    private void matchChinese(Compiled c, String text, List<String> pinyin, List<Scored> out) {
        int k = c.hanChars.length();
        for (int i = 0; i + k <= text.length(); i++) {
            boolean allHan = true;
            for (int j = i; j < i + k; j++) if (!LanguageDetector.isHan(text.charAt(j))) allHan = false;
            if (!allHan) continue;
            String window = text.substring(i, i + k);
            if (window.equals(c.hanChars)) {
                out.add(new Scored(hit(c, text, i, i + k, MatchKind.EXACT), 0));
                continue;
            }
            int mismatches = 0;
            for (int j = 0; j < k; j++) if (!pinyin.get(i + j).equals(c.fuzzyPinyin.get(j))) mismatches++;
            // homophones always; one different syllable only in phrases of 4+ characters
            if (mismatches == 0 || (k >= 4 && mismatches == 1 && !sameSoundOnly)) {
                out.add(new Scored(hit(c, text, i, i + k, MatchKind.PHONETIC), mismatches));
            }
        }
    }

    private static KeywordHit hit(Compiled c, String text, int s, int e, MatchKind kind) {
        return new KeywordHit(c.phrase.group(), c.phrase.text(), text.substring(s, e), s, e, kind);
    }

    private PhoneticKeys.Keys wordKeys(String word) {
        if (!word.isEmpty() && Character.isDigit(word.charAt(0))) return new PhoneticKeys.Keys(word, word);
        return dm.encode(word);
    }

    private String key(List<String> words, boolean alternate) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            PhoneticKeys.Keys k = wordKeys(w);
            sb.append(alternate ? k.alternate() : k.primary());
        }
        return sb.toString();
    }

    /** Toneless pinyin with the merges of "fuzzy pinyin" input methods. */
    static List<String> fuzzy(List<String> pinyin) {
        List<String> out = new ArrayList<>(pinyin.size());
        for (String p : pinyin) {
            String s = p.replace("ü", "v");
            if (s.startsWith("zh") || s.startsWith("ch") || s.startsWith("sh")) s = s.charAt(0) + s.substring(2);
            if (s.startsWith("l")) s = "n" + s.substring(1);
            if (s.endsWith("ng") && s.length() > 2) s = s.substring(0, s.length() - 1);
            out.add(s);
        }
        return out;
    }

    private static final String SIMILAR = "0F 0T SX JX PF FP MN NM TD";

    /** Levenshtein distance with half-cost substitutions between sounds recognizers confuse. */
    static double distance(String a, String b) {
        double[] prev = new double[b.length() + 1], cur = new double[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                char x = a.charAt(i - 1), y = b.charAt(j - 1);
                double sub = x == y ? 0 : SIMILAR.contains("" + x + y) ? 0.5 : 1;
                cur[j] = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + sub);
            }
            double[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
