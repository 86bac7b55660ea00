package io.callsight.nlp.redaction;

import io.callsight.nlp.redaction.ReadOutNumbers.ReadOut;
import io.callsight.nlp.redaction.ReadOutNumbers.Word;
import io.callsight.nlp.text.SpokenNumbers;

import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates of birth, spoken ("born on the third of march nineteen eighty four", "my birthday is march third eighty
 * four", "date of birth oh three oh four eighty four") or written ("date of birth 03/04/1984"). A date is a birth
 * date when a birth word ("born", "birthday", "date of birth", "d o b") comes shortly before it; other dates
 * (due dates, outages, appointments) stay. The one exception: a full date at least {@link #MIN_AGE} years back
 * is a birth date without the cue, because in a contact-center call nothing else is dated that far back so
 * exactly, and the agent's question ("can I have your date of birth") is on the other track.
 */
final class BirthDates {
    static final int MIN_AGE = 14;
    /** Words between the cue and the date: "born on the", "date of birth is", "birthday would be". */
    private static final int CUE_REACH = 6;

    private static final Set<String> CUES = Set.of("born", "birthday", "birthdate", "dob", "birth");
    private static final Pattern WRITTEN = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?![\\d/.-])|(\\d{1,2})([/.-])(\\d{1,2})\\5(\\d{4}|\\d{2})(?![\\d/.-])");
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("january", 1), Map.entry("february", 2), Map.entry("march", 3), Map.entry("april", 4),
            Map.entry("may", 5), Map.entry("june", 6), Map.entry("july", 7), Map.entry("august", 8),
            Map.entry("september", 9), Map.entry("october", 10), Map.entry("november", 11), Map.entry("december", 12),
            Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("apr", 4), Map.entry("aug", 8), Map.entry("sept", 9),
            Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));

    private BirthDates() {
    }

    /** Spans [start, end) of the birth dates in {@code text}. */
    static List<int[]> find(String text, List<Word> words, List<ReadOut> readOuts) {
        List<int[]> out = new ArrayList<>();
        int latestBirthYear = Year.now().getValue() - MIN_AGE;
        for (int i = 0; i < words.size(); i++) {
            if (isCue(words, i)) {
                for (int k = i + 1; k <= Math.min(words.size() - 1, i + CUE_REACH); k++) {
                    Parsed d = date(text, words, k, true);
                    if (d == null && words.get(k - 1).text().equals("in")) d = year(words, k);
                    if (d == null) d = spokenDigits(readOuts, k);
                    if (d != null) {
                        out.add(span(words, k, d.lastWord()));
                        i = d.lastWord();
                        break;
                    }
                }
                continue;
            }
            Parsed d = date(text, words, i, false);
            if (d != null && d.fullYear() && d.year() <= latestBirthYear) {
                out.add(span(words, i, d.lastWord()));
                i = d.lastWord();
            }
        }
        return out;
    }

    /** A date at words[k]; with {@code cued} a two-digit year ("eighty four") counts too. */
    private record Parsed(int lastWord, int year, boolean fullYear) {
    }

    private static boolean isCue(List<Word> words, int i) {
        String w = words.get(i).text();
        if (CUES.contains(w) || w.endsWith("'s") && CUES.contains(w.substring(0, w.length() - 2))) return true; // "birthday's"
        // "d o b" spelled out
        return w.equals("d") && i + 2 < words.size() && words.get(i + 1).text().equals("o")
                && words.get(i + 2).text().equals("b");
    }

    private static int[] span(List<Word> words, int first, int last) {
        int s = first > 0 && words.get(first - 1).text().equals("the") ? words.get(first - 1).start() : words.get(first).start();
        return new int[] {s, words.get(last).end()};
    }

    private static Parsed date(String text, List<Word> words, int k, boolean cued) {
        Word w = words.get(k);
        if (w.isDigits()) {
            Matcher m = WRITTEN.matcher(text).region(w.start(), text.length());
            if (m.lookingAt()) {
                int last = k;
                while (last + 1 < words.size() && words.get(last + 1).end() <= m.end()) last++;
                int year;
                if (m.group(1) != null) {
                    year = Integer.parseInt(m.group(1));
                    if (!plausible(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))) return null;
                } else {
                    String y = m.group(7);
                    year = y.length() == 2 ? 1900 + Integer.parseInt(y) : Integer.parseInt(y);
                    int a = Integer.parseInt(m.group(4)), b = Integer.parseInt(m.group(6));
                    if (!plausible(a, b) && !plausible(b, a)) return null;
                    if (y.length() == 2 && !cued) return null;
                }
                return new Parsed(last, year, true);
            }
        }
        Integer month = MONTHS.get(w.text());
        if (month != null) {
            int j = k + 1;
            if (j < words.size() && words.get(j).text().equals("the")) j++;
            int[] day = day(words, j);
            if (day == null) return null;
            return withYear(words, day[1], cued);
        }
        int[] day = day(words, k);
        if (day == null) return null;
        int j = day[1] + 1;
        if (j < words.size() && words.get(j).text().equals("of")) j++;
        if (j >= words.size() || !MONTHS.containsKey(words.get(j).text())) return null;
        // a cardinal before a month ("three march") is a day only in a cued date: "two march" is rarely anything
        if (day[2] == 0 && !cued) return null;
        return withYear(words, j, cued);
    }

    private static Parsed withYear(List<Word> words, int lastDateWord, boolean cued) {
        int j = lastDateWord + 1;
        if (j < words.size() && words.get(j).text().equals("of")) j++;
        Parsed y = year(words, j);
        if (y != null && (y.fullYear() || cued)) return y;
        return new Parsed(lastDateWord, -1, false);
    }

    /** Day at words[j]: {day, last word, 1 if ordinal} or null. */
    private static int[] day(List<Word> words, int j) {
        if (j >= words.size()) return null;
        String w = words.get(j).text();
        OptionalInt ord = SpokenNumbers.ordinal(w);
        if (ord.isPresent() && ord.getAsInt() <= 31) return new int[] {ord.getAsInt(), j, 1};
        OptionalInt c = SpokenNumbers.cardinalWord(w);
        if (c.isPresent() && (c.getAsInt() == 20 || c.getAsInt() == 30) && j + 1 < words.size()) {
            OptionalInt o = SpokenNumbers.ordinal(words.get(j + 1).text());
            if (o.isPresent() && o.getAsInt() < 10 && c.getAsInt() + o.getAsInt() <= 31) {
                return new int[] {c.getAsInt() + o.getAsInt(), j + 1, 1};
            }
        }
        if (c.isPresent() && c.getAsInt() >= 1 && c.getAsInt() <= 31) return new int[] {c.getAsInt(), j, 0};
        if (w.matches("\\d{1,2}") && Integer.parseInt(w) >= 1 && Integer.parseInt(w) <= 31) {
            return new int[] {Integer.parseInt(w), j, 0};
        }
        return null;
    }

    /**
     * A year at words[j]: "1984", "nineteen eighty four", "nineteen oh five", "two thousand (and) one", "twenty
     * ten"; or, not a full year, "eighty four" / "oh five".
     */
    static Parsed year(List<Word> words, int j) {
        if (j >= words.size()) return null;
        String w = words.get(j).text();
        if (w.matches("\\d{4}")) {
            int y = Integer.parseInt(w);
            return y >= 1900 && y <= 2099 ? new Parsed(j, y, true) : null;
        }
        OptionalInt first = SpokenNumbers.cardinalWord(w);
        if (w.equals("two") && j + 1 < words.size() && words.get(j + 1).text().equals("thousand")) {
            int k = j + 2;
            if (k < words.size() && words.get(k).text().equals("and")) k++;
            int[] rest = twoDigits(words, k);
            OptionalInt unit = k < words.size() ? SpokenNumbers.cardinalWord(words.get(k).text()) : OptionalInt.empty();
            if (rest == null && unit.isPresent() && unit.getAsInt() >= 1 && unit.getAsInt() <= 9) rest = new int[] {unit.getAsInt(), k};
            return rest != null ? new Parsed(rest[1], 2000 + rest[0], true) : new Parsed(j + 1, 2000, true);
        }
        if (first.isPresent() && (first.getAsInt() == 19 || first.getAsInt() == 20)) {
            int[] rest = twoDigits(words, j + 1);
            if (rest != null) return new Parsed(rest[1], first.getAsInt() * 100 + rest[0], true);
        }
        int[] two = twoDigits(words, j);
        if (two != null && two[0] >= 10 || two != null && words.get(j).text().equals("oh")) {
            return new Parsed(two[1], (two[0] > Year.now().getValue() % 100 ? 1900 : 2000) + two[0], false);
        }
        return null;
    }

    /** "eighty four" → {84, last word}, "twelve", "oh five" → 5; null otherwise. */
    private static int[] twoDigits(List<Word> words, int j) {
        if (j >= words.size()) return null;
        String w = words.get(j).text();
        if (w.equals("oh") && j + 1 < words.size()) {
            OptionalInt u = SpokenNumbers.cardinalWord(words.get(j + 1).text());
            return u.isPresent() && u.getAsInt() <= 9 ? new int[] {u.getAsInt(), j + 1} : null;
        }
        OptionalInt v = SpokenNumbers.cardinalWord(w);
        if (v.isEmpty() || v.getAsInt() < 10) return null;
        if (v.getAsInt() >= 20 && j + 1 < words.size()) {
            OptionalInt u = SpokenNumbers.cardinalWord(words.get(j + 1).text());
            if (u.isPresent() && u.getAsInt() >= 1 && u.getAsInt() <= 9) return new int[] {v.getAsInt() + u.getAsInt(), j + 1};
        }
        return new int[] {v.getAsInt(), j};
    }

    /** A spoken all-digits date right after the cue: "oh three oh four eighty four", "zero three zero four 1984". */
    private static Parsed spokenDigits(List<ReadOut> readOuts, int k) {
        for (ReadOut r : readOuts) {
            if (r.firstWord() == k && r.digits().length() >= 4 && r.digits().length() <= 8) {
                return new Parsed(r.lastWord(), -1, false);
            }
        }
        return null;
    }

    private static boolean plausible(int month, int day) {
        return month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }
}
