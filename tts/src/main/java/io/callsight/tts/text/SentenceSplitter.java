package io.callsight.tts.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a prompt into the sentences it is synthesized in, one at a time, so the first can play while the
 * rest are made. A wrong split costs a short pause in the middle of a sentence and a missed split costs a
 * later first frame, so the rules favour not splitting where English is ambiguous ("Plan A. Thanks").
 *
 * <p>A sentence ends at {@code .}, {@code !} or {@code ?} (or a run of them, with closing quotes and brackets)
 * followed by whitespace or the end, and at a blank line. A period does not end one after a title ("Dr.",
 * "Mrs."), after a single initial ("J. Smith"), after a number abbreviation before a number ("No. 5", "ext.
 * 42"), inside a token ("3.5", "example.com", "U.S.A" mid-word), or when the next word starts in lower case
 * ("approx. two", "Well... maybe").
 */
public final class SentenceSplitter {
    /** Abbreviations that stand before a name and so never end a sentence. */
    private static final Set<String> TITLES = Set.of("mr", "mrs", "ms", "mx", "dr", "prof", "st", "mt", "sr", "jr",
            "rev", "hon", "gen", "col", "capt", "lt", "sgt", "messrs", "vs", "approx", "dept", "ave", "rd", "blvd",
            "e.g", "i.e", "cf");
    /** Abbreviations that stand before a number: "No. 5" continues, "Say no. Then" does not. */
    private static final Set<String> NUMBER_ABBREVIATIONS = Set.of("no", "nos", "nr", "ext", "vol", "fig", "pp", "ch",
            "art", "sec");
    private static final String CLOSERS = "\"')]}\u201D\u2019";

    private SentenceSplitter() {
    }

    /** The sentences of {@code text}, each stripped and with runs of whitespace made single spaces. */
    public static List<String> split(String text) {
        List<String> sentences = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.' || c == '!' || c == '?') {
                int end = endOfPunctuation(text, i);
                if (endsSentence(text, i, end)) {
                    add(sentences, text.substring(start, end));
                    start = end;
                }
                i = end;
            } else if (c == '\n' && isBlankLineAfter(text, i)) {
                add(sentences, text.substring(start, i));
                start = i;
                i++;
            } else {
                i++;
            }
        }
        add(sentences, text.substring(start));
        return sentences;
    }

    /** Index just past a run of terminal marks and the closing quotes or brackets after it. */
    private static int endOfPunctuation(String text, int from) {
        int j = from;
        while (j < text.length() && ".!?".indexOf(text.charAt(j)) >= 0) {
            j++;
        }
        while (j < text.length() && CLOSERS.indexOf(text.charAt(j)) >= 0) {
            j++;
        }
        return j;
    }

    private static boolean endsSentence(String text, int markStart, int end) {
        if (end == text.length()) {
            return true;
        }
        if (!Character.isWhitespace(text.charAt(end))) {
            return false; // "3.5", "example.com", "U.S." inside a token
        }
        int next = skipWhitespace(text, end);
        if (next == text.length()) {
            return true;
        }
        String marks = text.substring(markStart, end);
        if (marks.indexOf('!') >= 0 || marks.indexOf('?') >= 0) {
            return true;
        }
        if (Character.isLowerCase(text.charAt(next))) {
            return false;
        }
        if (marks.length() > 1 && marks.startsWith("..")) {
            return true; // an ellipsis before a capital
        }
        String word = wordBefore(text, markStart).toLowerCase(Locale.ROOT);
        if (TITLES.contains(word)) {
            return false;
        }
        if (NUMBER_ABBREVIATIONS.contains(word) && Character.isDigit(text.charAt(next))) {
            return false;
        }
        return !(word.length() == 1 && Character.isLetter(word.charAt(0)));
    }

    /** The token just before {@code index}: letters and inner periods back to whitespace or punctuation. */
    private static String wordBefore(String text, int index) {
        int k = index;
        while (k > 0 && (Character.isLetter(text.charAt(k - 1)) || text.charAt(k - 1) == '.')) {
            k--;
        }
        return text.substring(k, index);
    }

    private static boolean isBlankLineAfter(String text, int newline) {
        int k = newline + 1;
        while (k < text.length() && text.charAt(k) != '\n' && Character.isWhitespace(text.charAt(k))) {
            k++;
        }
        return k < text.length() && text.charAt(k) == '\n';
    }

    private static int skipWhitespace(String text, int from) {
        int k = from;
        while (k < text.length() && Character.isWhitespace(text.charAt(k))) {
            k++;
        }
        return k;
    }

    private static void add(List<String> sentences, String raw) {
        String sentence = raw.strip().replaceAll("\\s+", " ");
        if (!sentence.isEmpty()) {
            sentences.add(sentence);
        }
    }
}
