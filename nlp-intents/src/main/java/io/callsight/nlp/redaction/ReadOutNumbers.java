package io.callsight.nlp.redaction;

import io.callsight.nlp.text.SpokenNumbers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers read out to an agent, as a recognizer writes them: digit words ("four seven one"), pairs ("sixty
 * eight"), "double five", "eight hundred", written digits mixed in ("4 five 6"), hesitations between groups
 * ("four five six, uh, seven two") and homophones ("for four seven one zero nine to sixty eight").
 * <p>A homophone ("for", "to", "too", "won", "ate") is read as a digit only inside a run that is a read-out
 * anyway: one with at least {@link #READ_OUT_STRETCH} single digits in a row. Callers read personal numbers
 * digit by digit, while ordinary speech almost never puts three single-digit words side by side, so "I waited
 * for two hours" and "from eight thirty to five" keep their words, and "for four seven one zero nine" does not.
 * "oh" is zero next to another number word, as in {@link io.callsight.nlp.text.Normalizer}.
 */
final class ReadOutNumbers {
    /** Single digits in a row that make a run a read-out, and so let homophones inside it count as digits. */
    static final int READ_OUT_STRETCH = 3;
    /** Number pieces in one run that make it a read-out even when read in pairs: a time range has four. */
    static final int READ_OUT_PIECES = 5;
    /** Digits and homophones in a row that make a read-out after a cue. */
    static final int CUED_RUN = 5;
    /** Digits and homophones in a row that make a read-out without a cue. */
    static final int UNCUED_RUN = 8;
    /**
     * Homophones that are everyday prepositions: at the end of a read-out and followed by what such a preposition
     * takes ("... nine to you", "... for the account"), they are the word; followed by anything else ("... seven
     * for yes") the digit.
     */
    private static final Set<String> PREPOSITION_HOMOPHONES = Set.of("to", "for");
    private static final Set<String> PREPOSITION_OBJECTS = Set.of("you", "me", "him", "her", "us", "them", "it", "the",
            "a", "an", "my", "your", "his", "our", "their", "this", "that", "these", "those", "each", "every", "all",
            "some", "any", "now", "be", "do", "get", "go", "make", "see", "check", "confirm", "say", "pay", "call");

    private static final Pattern WORD = Pattern.compile("\\d+|[\\p{L}\\p{M}]+(?:['’][\\p{L}]+)*");
    /** Written numbers with decimal, grouping, clock or date punctuation: amounts, times and dates. */
    private static final Pattern FORMATTED = Pattern.compile("\\d+(?:[.,:/]\\d+)+");
    /** Hesitations and spoken separators that do not end a number being read out. */
    private static final Set<String> FILLERS = Set.of("uh", "um", "umm", "uhm", "er", "erm", "ah", "hmm", "mm",
            "dash", "hyphen");
    private static final String CURRENCY_SYMBOLS = "$£€¥";
    private static final Set<String> JOINERS = Set.of("and", "then");

    private ReadOutNumbers() {
    }

    /** A word of the text as recognized: lowercase, with its span [start, end). */
    record Word(String text, int start, int end) {
        boolean isDigits() {
            return Character.isDigit(text.charAt(0));
        }
    }

    /** JOINER: "and"/"then" between digit groups ("four five six and seven eight nine"), part of a read-out only. */
    enum Kind { DIGITS, PAIR, HUNDREDS, HOMOPHONE, JOINER, FILLER, OTHER }

    /** One piece of a possible read-out, spanning words [firstWord, lastWord]. */
    record Item(Kind kind, String digits, int firstWord, int lastWord) {
        boolean number() {
            return kind == Kind.DIGITS || kind == Kind.PAIR || kind == Kind.HUNDREDS;
        }
    }

    /**
     * A read-out number: its digits, its span in the text, its words, how many of its pieces are numbers, the
     * longest stretch of single digits in it, and whether the utterance ends with it (the recognizer's end-pointing
     * may have cut it).
     */
    record ReadOut(String digits, int start, int end, int firstWord, int lastWord, int numberItems, int longestStretch,
                   boolean endsText) {
    }

    static List<Word> words(String text) {
        List<Word> out = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) out.add(new Word(m.group().replace('’', '\'').toLowerCase(Locale.ROOT), m.start(), m.end()));
        return out;
    }

    /**
     * Read-outs in {@code text}. Words overlapping {@code protectedSpans} (amounts, times and dates already
     * recognized as such, as [start, end) pairs) are never part of one.
     */
    static List<ReadOut> find(String text, List<Word> words, List<int[]> protectedSpans) {
        return find(text, words, protectedSpans, first -> false);
    }

    /**
     * Like {@link #find(String, List, List)}; {@code cuedAt} says whether a cue ("policy number", "card is")
     * comes just before word {@code first}: after a cue, a run of digits and homophones is a read-out even
     * when the homophones outnumber the digits ("policy number won to ate ate for six too oh").
     */
    static List<ReadOut> find(String text, List<Word> words, List<int[]> protectedSpans, IntPredicate cuedAt) {
        List<Item> items = items(text, words, protectedSpans);
        List<ReadOut> out = new ArrayList<>();
        int i = 0;
        while (i < items.size()) {
            if (items.get(i).kind() == Kind.OTHER) {
                i++;
                continue;
            }
            int j = i;
            while (j < items.size() && items.get(j).kind() != Kind.OTHER) j++;
            segment(text, words, items.subList(i, j), j == items.size(), cuedAt, out);
            i = j;
        }
        return out;
    }

    private static void segment(String text, List<Word> words, List<Item> seg, boolean atEnd, IntPredicate cuedAt,
                                List<ReadOut> out) {
        if (isReadOut(seg) || cuedHomophoneRun(seg, cuedAt) || longHomophoneRun(seg)) {
            int to = seg.size();
            // a trailing "to"/"for" followed by ordinary words is the word ("... nine to you"); at the very end of the
            // utterance it may be a digit the pause cut off
            while (to > 0 && (seg.get(to - 1).kind() == Kind.FILLER || seg.get(to - 1).kind() == Kind.JOINER)) to--;
            boolean wordDropped = false;
            if (to > 0 && seg.get(to - 1).kind() == Kind.HOMOPHONE) {
                int after = seg.get(to - 1).lastWord() + 1;
                if (after < words.size() && PREPOSITION_OBJECTS.contains(words.get(after).text())
                        && PREPOSITION_HOMOPHONES.contains(words.get(after - 1).text())) {
                    to--;
                    wordDropped = true;
                }
            }
            emit(text, words, seg.subList(0, to), atEnd && !wordDropped, out);
            return;
        }
        int from = 0;
        for (int k = 0; k <= seg.size(); k++) {
            if (k == seg.size() || seg.get(k).kind() == Kind.HOMOPHONE || seg.get(k).kind() == Kind.JOINER) {
                emit(text, words, seg.subList(from, k), atEnd && k == seg.size(), out);
                from = k + 1;
            }
        }
    }

    /**
     * Whether a run of number words is a number being read out, so that homophones in it are digits: single
     * digits in a row ({@link #READ_OUT_STRETCH}, or one more when homophones between digits count), or more
     * number pieces than any time range or amount has ("forty nine two fifty five nine zero forty four").
     */
    static boolean isReadOut(List<Item> seg) {
        if (longestStretch(seg) >= READ_OUT_STRETCH || stretchWithHomophones(seg) > READ_OUT_STRETCH) return true;
        int numbers = 0;
        for (Item it : seg) if (it.number()) numbers++;
        return numbers >= READ_OUT_PIECES;
    }

    /** A cued run of at least {@link #CUED_RUN} digits and homophones, one of them at least a real digit. */
    private static boolean cuedHomophoneRun(List<Item> seg, IntPredicate cuedAt) {
        int first = 0;
        while (first < seg.size() && seg.get(first).kind() == Kind.FILLER) first++;
        if (first == seg.size() || !cuedAt.test(seg.get(first).firstWord())) return false;
        int pieces = 0, digits = 0;
        for (Item it : seg) {
            if (it.kind() == Kind.DIGITS) digits++;
            if (it.kind() == Kind.DIGITS || it.kind() == Kind.HOMOPHONE) pieces++;
        }
        return digits >= 1 && pieces >= CUED_RUN;
    }

    /**
     * A long run of digits and homophones needs no cue: "yeah it's too won for ate ate six oh won to for". Ordinary
     * speech does not put {@link #UNCUED_RUN} of these words in a row.
     */
    private static boolean longHomophoneRun(List<Item> seg) {
        int pieces = 0, digits = 0;
        for (Item it : seg) {
            if (it.kind() == Kind.DIGITS) digits++;
            if (it.kind() == Kind.DIGITS || it.kind() == Kind.HOMOPHONE) pieces++;
        }
        return digits >= 2 && pieces >= UNCUED_RUN;
    }

    /** Whether {@code word} is a hesitation that does not end a number being read out. */
    static boolean isFiller(String word) {
        return FILLERS.contains(word);
    }

    /** Whether {@code word} may be (part of) a digit or number as a recognizer writes it, homophones included. */
    static boolean isNumberWord(String word) {
        if (word.isEmpty()) return false;
        return Character.isDigit(word.charAt(0)) || SpokenNumbers.cardinalWord(word).isPresent()
                || SpokenNumbers.homophoneDigit(word).isPresent() || word.equals("oh") || word.equals("hundred")
                || word.equals("double") || word.equals("triple");
    }

    /** Like {@link #longestStretch} with homophones counting as digits where single digits are on both sides. */
    static int stretchWithHomophones(List<Item> seg) {
        int best = 0, run = 0, pending = 0; // pending: homophones since the last digit, counted once a digit follows
        for (Item it : seg) {
            if (it.kind() == Kind.DIGITS) {
                run += pending + it.digits().length();
                pending = 0;
            } else if (it.kind() == Kind.HOMOPHONE && run > 0) {
                pending++;
            } else if (it.kind() != Kind.FILLER && it.kind() != Kind.JOINER) {
                run = 0;
                pending = 0;
            }
            best = Math.max(best, run);
        }
        return best;
    }

    private static void emit(String text, List<Word> words, List<Item> run, boolean atEnd, List<ReadOut> out) {
        int a = 0, b = run.size();
        while (a < b && (run.get(a).kind() == Kind.FILLER || run.get(a).kind() == Kind.JOINER)) a++;
        while (b > a && (run.get(b - 1).kind() == Kind.FILLER || run.get(b - 1).kind() == Kind.JOINER)) b--;
        if (a == b) return;
        List<Item> r = run.subList(a, b);
        StringBuilder digits = new StringBuilder();
        int numbers = 0;
        for (Item it : r) {
            if (it.kind() == Kind.FILLER || it.kind() == Kind.JOINER) continue;
            digits.append(it.digits());
            if (it.number() || it.kind() == Kind.HOMOPHONE) numbers++; // a read-out's homophones are its digits
        }
        if (numbers == 0) return;
        int first = r.get(0).firstWord(), last = r.get(r.size() - 1).lastWord();
        out.add(new ReadOut(digits.toString(), words.get(first).start(), words.get(last).end(), first, last, numbers,
                Math.max(longestStretch(r), stretchWithHomophones(r)), atEnd));
    }

    /** Longest stretch of single digits (fillers allowed between), counting written digits one by one. */
    static int longestStretch(List<Item> seg) {
        int best = 0, run = 0;
        for (Item it : seg) {
            if (it.kind() == Kind.DIGITS) {
                run += it.digits().length();
                best = Math.max(best, run);
            } else if (it.kind() != Kind.FILLER && it.kind() != Kind.JOINER) {
                run = 0;
            }
        }
        return best;
    }

    static List<Item> items(String text, List<Word> words, List<int[]> protectedSpans) {
        boolean[] blocked = new boolean[words.size()];
        Matcher f = FORMATTED.matcher(text);
        while (f.find()) markOverlapping(words, f.start(), f.end(), blocked);
        for (int[] p : protectedSpans) markOverlapping(words, p[0], p[1], blocked);

        List<Item> out = new ArrayList<>();
        int i = 0;
        while (i < words.size()) {
            Word w = words.get(i);
            String t = w.text();
            if (blocked[i]) {
                out.add(new Item(Kind.OTHER, "", i, i));
                i++;
                continue;
            }
            if (w.isDigits()) {
                out.add(new Item(afterCurrencySymbol(text, w.start()) ? Kind.OTHER : Kind.DIGITS, t, i, i));
                i++;
                continue;
            }
            if ((t.equals("double") || t.equals("triple")) && i + 1 < words.size() && !blocked[i + 1]) {
                String d = singleDigit(words.get(i + 1));
                if (d != null) {
                    out.add(new Item(Kind.DIGITS, d.repeat(t.equals("double") ? 2 : 3), i, i + 1));
                    i += 2;
                    continue;
                }
            }
            OptionalInt card = SpokenNumbers.cardinalWord(t);
            if (card.isPresent()) {
                int v = card.getAsInt();
                int next = i + 1;
                if (v >= 1 && v <= 19 && wordAt(words, next, blocked).equals("hundred")) {
                    // "eight hundred" (toll-free prefixes), "four hundred fifty six"
                    int value = v * 100;
                    int end = next;
                    int k = next + 1;
                    if (wordAt(words, k, blocked).equals("and")) k++;
                    OptionalInt rest = SpokenNumbers.cardinalWord(wordAt(words, k, blocked));
                    if (rest.isPresent() && rest.getAsInt() > 0) {
                        value += rest.getAsInt();
                        end = k;
                        if (rest.getAsInt() >= 20 && rest.getAsInt() % 10 == 0) {
                            OptionalInt unit = SpokenNumbers.cardinalWord(wordAt(words, k + 1, blocked));
                            if (unit.isPresent() && unit.getAsInt() >= 1 && unit.getAsInt() <= 9) {
                                value += unit.getAsInt();
                                end = k + 1;
                            }
                        }
                    }
                    out.add(new Item(Kind.HUNDREDS, Integer.toString(value), i, end));
                    i = end + 1;
                    continue;
                }
                if (v <= 9) {
                    out.add(new Item(Kind.DIGITS, Integer.toString(v), i, i));
                    i++;
                    continue;
                }
                if (v >= 20 && v % 10 == 0) {
                    OptionalInt unit = SpokenNumbers.cardinalWord(wordAt(words, next, blocked));
                    if (unit.isPresent() && unit.getAsInt() >= 1 && unit.getAsInt() <= 9) {
                        out.add(new Item(Kind.PAIR, Integer.toString(v + unit.getAsInt()), i, next));
                        i += 2;
                        continue;
                    }
                }
                out.add(new Item(Kind.PAIR, Integer.toString(v), i, i));
                i++;
                continue;
            }
            // "oh" is zero next to a number word, or after a homophone that follows one ("six too oh")
            boolean afterHomophone = SpokenNumbers.homophoneDigit(wordAt(words, i - 1, blocked)).isPresent()
                    && numberWordAt(words, i - 2, blocked);
            if (t.equals("oh") && (numberWordAt(words, i - 1, blocked) || numberWordAt(words, i + 1, blocked) || afterHomophone)) {
                out.add(new Item(Kind.DIGITS, "0", i, i));
                i++;
                continue;
            }
            OptionalInt homophone = SpokenNumbers.homophoneDigit(t);
            if (JOINERS.contains(t) && i > 0 && numberWordAt(words, i - 1, blocked)
                    && (numberWordAt(words, i + 1, blocked) || SpokenNumbers.homophoneDigit(wordAt(words, i + 1, blocked)).isPresent())) {
                out.add(new Item(Kind.JOINER, "", i, i));
            } else if (homophone.isPresent()) {
                out.add(new Item(Kind.HOMOPHONE, Integer.toString(homophone.getAsInt()), i, i));
            } else {
                out.add(new Item(FILLERS.contains(t) ? Kind.FILLER : Kind.OTHER, "", i, i));
            }
            i++;
        }
        return out;
    }

    /** Where the part of an utterance worth carrying into the next one starts: its trailing run plus some words. */
    static int tailStart(String text, int contextWords, int maxRunWords, Predicate<String> pauseWord, int maxPauseWords) {
        List<Word> words = words(text);
        if (words.isEmpty()) return text.length();
        List<Item> items = items(text, words, List.of());
        int k = items.size();
        // a pause for thought after the run ("... six two hold on let me check") is carried with it
        int pause = 0;
        while (k > 0 && pause < maxPauseWords && items.get(k - 1).kind() == Kind.OTHER
                && pauseWord.test(words.get(items.get(k - 1).firstWord()).text())) {
            k--;
            pause++;
        }
        if (k == 0 || items.get(k - 1).kind() == Kind.OTHER) k = items.size();
        int runWords = 0;
        while (k > 0 && items.get(k - 1).kind() != Kind.OTHER && runWords < maxRunWords) {
            k--;
            runWords += items.get(k).lastWord() - items.get(k).firstWord() + 1;
        }
        int firstWord = k == items.size() ? words.size() : items.get(k).firstWord();
        firstWord = Math.max(0, firstWord - contextWords);
        return words.get(firstWord).start();
    }

    private static void markOverlapping(List<Word> words, int s, int e, boolean[] blocked) {
        for (int k = 0; k < words.size(); k++) {
            if (words.get(k).start() < e && s < words.get(k).end()) blocked[k] = true;
        }
    }

    private static String wordAt(List<Word> words, int i, boolean[] blocked) {
        return i >= 0 && i < words.size() && !blocked[i] ? words.get(i).text() : "";
    }

    private static boolean numberWordAt(List<Word> words, int i, boolean[] blocked) {
        String w = wordAt(words, i, blocked);
        if (w.isEmpty()) return false;
        return Character.isDigit(w.charAt(0)) || SpokenNumbers.cardinalWord(w).isPresent() || w.equals("double")
                || w.equals("triple") || w.equals("oh");
    }

    private static String singleDigit(Word w) {
        if (w.isDigits()) return w.text().length() == 1 ? w.text() : null;
        if (w.text().equals("oh")) return "0";
        OptionalInt v = SpokenNumbers.cardinalWord(w.text());
        return v.isPresent() && v.getAsInt() <= 9 ? Integer.toString(v.getAsInt()) : null;
    }

    private static boolean afterCurrencySymbol(String text, int pos) {
        int p = pos - 1;
        while (p >= 0 && text.charAt(p) == ' ') p--;
        return p >= 0 && CURRENCY_SYMBOLS.indexOf(text.charAt(p)) >= 0;
    }
}
