package io.callsight.nlp.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * English transcript normalizer: lowercase, punctuation dropped (contractions kept), spoken numbers turned into
 * digits the way callers read them out:
 * <ul>
 *   <li>digit strings: "four five six" → 456, "double five" → 55, "five oh five" → 505 ("oh" is zero only next to
 *       other number words, so "oh I see" stays a word)</li>
 *   <li>cardinals: "twenty one" → 21, "one hundred and five" → 105, "nineteen eighty four" → 1984 (groups that
 *       cannot combine are concatenated, as callers do with years and card numbers)</li>
 *   <li>written digits next to spoken ones or separated by spaces, dashes, dots or brackets merge into one run:
 *       "4 5 six seven" → 4567, "(555) 123-4567" → 5551234567</li>
 * </ul>
 * A lone "one" stays a word ("that one", "no one"); homophones such as "for"/"to" are never numbers.
 * Every token keeps its span in the original text ({@link Token}).
 */
public final class Normalizer {
    // Possessive quantifiers so "555.123.4567" is three integers, not a decimal followed by junk.
    private static final Pattern RAW = Pattern.compile(
            "(?<!\\d[.,])\\d{1,3}(?:,\\d{3})++(?:\\.\\d++)?(?![.,]?\\d)|(?<!\\d[.,])\\d++\\.\\d++(?![.,]?\\d)|(?i:\\d{1,2}(?:st|nd|rd|th))(?![\\p{L}\\d])|\\d++|[\\p{L}\\p{M}]++(?:['’][\\p{L}]++)*+");
    private static final Pattern MERGE_GAP_WRITTEN = Pattern.compile("[\\s\\-().+]*");
    private static final Pattern MERGE_GAP_SPOKEN = Pattern.compile("[\\s\\-().,+]*");

    private final boolean ordinals;

    public Normalizer() {
        this(false);
    }

    /** @param ordinals also turn ordinals into "4th", "21st" (off by default: "first of all" should stay words) */
    public Normalizer(boolean ordinals) {
        this.ordinals = ordinals;
    }

    /** Normalized text: tokens joined by single spaces. */
    public String normalize(String text) {
        StringBuilder sb = new StringBuilder();
        for (Token t : tokens(text)) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(t.text());
        }
        return sb.toString();
    }

    /** Normalized tokens with spans in the original text. */
    public List<Token> tokens(String text) {
        List<Raw> raws = new ArrayList<>();
        Matcher m = RAW.matcher(text);
        while (m.find()) {
            String s = m.group().replace('’', '\'').toLowerCase(Locale.ROOT);
            raws.add(new Raw(s, m.start(), m.end()));
        }
        List<Token> out = new ArrayList<>();
        List<NumberItem> pending = new ArrayList<>();
        int i = 0;
        while (i < raws.size()) {
            Parsed p = parseNumberAt(raws, i);
            if (p == null) {
                flush(pending, out, text);
                Raw r = raws.get(i);
                out.add(Token.word(r.text, r.start, r.end));
                i++;
                continue;
            }
            if (!pending.isEmpty() && !mergeable(text, pending.get(pending.size() - 1), p.item)) {
                flush(pending, out, text);
            }
            pending.add(p.item);
            i = p.next;
        }
        flush(pending, out, text);
        return out;
    }

    private static boolean mergeable(String text, NumberItem a, NumberItem b) {
        if (a.ordinal || b.ordinal || !a.plainDigits || !b.plainDigits) return false;
        String gap = text.substring(a.end, b.start);
        Pattern p = (a.spoken || b.spoken) ? MERGE_GAP_SPOKEN : MERGE_GAP_WRITTEN;
        return p.matcher(gap).matches();
    }

    private void flush(List<NumberItem> pending, List<Token> out, String text) {
        if (pending.isEmpty()) return;
        // A lone spoken "one" is far more often a pronoun than a number.
        if (pending.size() == 1 && pending.get(0).spoken && pending.get(0).words == 1 && pending.get(0).digits.equals("1")
                && !pending.get(0).ordinal) {
            NumberItem it = pending.get(0);
            out.add(Token.word("one", it.start, it.end));
            pending.clear();
            return;
        }
        StringBuilder digits = new StringBuilder();
        List<Long> groups = new ArrayList<>();
        List<Token.Part> parts = new ArrayList<>();
        for (NumberItem it : pending) {
            digits.append(it.digits);
            groups.addAll(it.groups);
            parts.add(new Token.Part(it.digits, it.start, it.end, it.spoken));
        }
        NumberItem first = pending.get(0), last = pending.get(pending.size() - 1);
        out.add(new Token(digits.toString(), first.start, last.end, true, groups, parts));
        pending.clear();
    }

    /** Parses one number item (a written number or one spoken group) starting at raws[i], or null. */
    private Parsed parseNumberAt(List<Raw> raws, int i) {
        Raw r = raws.get(i);
        if (Character.isDigit(r.text.charAt(0))) {
            boolean plain = r.text.chars().allMatch(Character::isDigit);
            String digits = r.text;
            int next = i + 1;
            // "25 thousand" as some recognizers print it
            if (plain && next < raws.size() && SpokenNumbers.SCALES.containsKey(raws.get(next).text) && digits.length() < 10) {
                long v = Long.parseLong(digits) * SpokenNumbers.SCALES.get(raws.get(next).text);
                return new Parsed(new NumberItem(Long.toString(v), r.start, raws.get(next).end, true, false, false, 2,
                        List.of(v)), next + 1);
            }
            long value = plain && digits.length() <= 18 ? Long.parseLong(digits) : -1;
            return new Parsed(new NumberItem(digits, r.start, r.end, plain, false, false, 1,
                    value >= 0 ? List.of(value) : List.of()), next);
        }
        String w = r.text;
        // double/triple five → 55 / 555
        if ((w.equals("double") || w.equals("triple")) && i + 1 < raws.size()) {
            String d = digitWord(raws, i + 1, true);
            if (d != null) {
                String digits = d.repeat(w.equals("double") ? 2 : 3);
                return new Parsed(new NumberItem(digits, r.start, raws.get(i + 1).end, true, true, false, 2,
                        List.of(Long.parseLong(digits))), i + 2);
            }
            return null;
        }
        if (w.equals("oh")) {
            return isNumericNeighbour(raws, i - 1) || isNumericNeighbour(raws, i + 1)
                    ? new Parsed(new NumberItem("0", r.start, r.end, true, true, false, 1, List.of(0L)), i + 1)
                    : null;
        }
        return parseCardinal(raws, i);
    }

    private static String digitWord(List<Raw> raws, int i, boolean allowOh) {
        if (i >= raws.size()) return null;
        String w = raws.get(i).text;
        if (allowOh && w.equals("oh")) return "0";
        Integer u = SpokenNumbers.UNITS.get(w);
        if (u != null) return Integer.toString(u);
        if (w.length() == 1 && Character.isDigit(w.charAt(0))) return w;
        return null;
    }

    private static boolean isNumericNeighbour(List<Raw> raws, int i) {
        if (i < 0 || i >= raws.size()) return false;
        String w = raws.get(i).text;
        return Character.isDigit(w.charAt(0)) || SpokenNumbers.UNITS.containsKey(w) || SpokenNumbers.TEENS.containsKey(w)
                || SpokenNumbers.TENS.containsKey(w) || w.equals("double") || w.equals("triple");
    }

    private enum Kind { NONE, UNIT, TEEN, TENS, HUNDRED, SCALE }

    /** Greedy cardinal grammar; stops at the first word that cannot continue the current number. */
    private Parsed parseCardinal(List<Raw> raws, int i) {
        long total = 0, current = 0, lastScale = Long.MAX_VALUE;
        Kind last = Kind.NONE;
        int j = i, words = 0;
        boolean ordinal = false;
        while (j < raws.size()) {
            String w = raws.get(j).text;
            Integer u = SpokenNumbers.UNITS.get(w), teen = SpokenNumbers.TEENS.get(w), tens = SpokenNumbers.TENS.get(w);
            Long scale = SpokenNumbers.SCALES.get(w);
            OptionalIntHolder ord = ordinals ? ordinalWord(w) : null;
            if (ord != null && ord.kind != null && canTake(last, ord.kind)) {
                current = (last == Kind.SCALE ? 0 : current) + ord.value;
                j++;
                words++;
                ordinal = true;
                break;
            }
            if (u != null) {
                if (u == 0) {
                    if (last != Kind.NONE) break;
                    j++;
                    words++;
                    break; // zero is always a group of its own
                }
                if (!canTake(last, Kind.UNIT)) break;
                current += u;
                last = Kind.UNIT;
            } else if (teen != null) {
                if (!canTake(last, Kind.TEEN)) break;
                current += teen;
                last = Kind.TEEN;
            } else if (tens != null) {
                if (!canTake(last, Kind.TENS)) break;
                current += tens;
                last = Kind.TENS;
            } else if (w.equals("hundred")) {
                if (!(last == Kind.UNIT || last == Kind.TEEN) || current >= 100) break;
                current *= 100;
                last = Kind.HUNDRED;
            } else if (scale != null) {
                if (last == Kind.NONE || last == Kind.SCALE || scale >= lastScale || current == 0) break;
                total += current * scale;
                current = 0;
                lastScale = scale;
                last = Kind.SCALE;
            } else if (w.equals("and") && (last == Kind.HUNDRED || last == Kind.SCALE) && j + 1 < raws.size()
                    && SpokenNumbers.cardinalWord(raws.get(j + 1).text).isPresent()
                    && !raws.get(j + 1).text.equals("zero")) {
                j++;
                continue;
            } else if (w.equals("a") && last == Kind.NONE && j + 1 < raws.size()
                    && (raws.get(j + 1).text.equals("hundred") || SpokenNumbers.SCALES.containsKey(raws.get(j + 1).text))) {
                current = 1;
                last = Kind.UNIT;
            } else {
                break;
            }
            j++;
            words++;
        }
        if (words == 0) return null;
        long value = total + current;
        String digits = Long.toString(value);
        if (ordinal) digits = SpokenNumbers.ordinalSuffix(value);
        return new Parsed(new NumberItem(digits, raws.get(i).start, raws.get(j - 1).end, !ordinal, true, ordinal, words,
                List.of(value)), j);
    }

    private static boolean canTake(Kind last, Kind next) {
        return switch (next) {
            case UNIT -> last == Kind.NONE || last == Kind.TENS || last == Kind.HUNDRED || last == Kind.SCALE;
            case TEEN, TENS -> last == Kind.NONE || last == Kind.HUNDRED || last == Kind.SCALE;
            default -> false;
        };
    }

    private record OptionalIntHolder(Kind kind, int value) {}

    private static OptionalIntHolder ordinalWord(String w) {
        var o = SpokenNumbers.ordinal(w);
        if (o.isEmpty() || Character.isDigit(w.charAt(0))) return null;
        int v = o.getAsInt();
        return new OptionalIntHolder(v < 10 ? Kind.UNIT : v < 20 ? Kind.TEEN : Kind.TENS, v);
    }

    private record Raw(String text, int start, int end) {}

    private record NumberItem(String digits, int start, int end, boolean plainDigits, boolean spoken, boolean ordinal,
                              int words, List<Long> groups) {}

    private record Parsed(NumberItem item, int next) {}
}
