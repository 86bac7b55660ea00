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
 * is a birth date without the cue, because the agent's question ("can I have your date of birth") is on the
 * other track, unless the words before it name another event ("opened the account on", "since").
 */
final class BirthDates {
    static final int MIN_AGE = 14;
    /** Words between the cue and the date: "born on the", "date of birth is", "birthday would be". */
    private static final int CUE_REACH = 6;

    private static final Set<String> CUES = Set.of("born", "birthday", "birthdate", "dob", "birth");
    /** What else happens on a date: an old date after these is not a birth date. */
    private static final Set<String> EVENTS = Set.of("since", "opened", "open", "started", "start", "joined", "join",
            "bought", "purchased", "moved", "married", "signed", "took", "taken", "paid", "passed", "died", "issued",
            "renewed", "closed", "cancelled", "canceled", "installed", "effective", "until", "ago", "from", "began",
            "expired", "registered", "enrolled", "hired", "retired", "built", "sold", "transferred", "last", "dated",
            "sent", "received", "written", "delivered", "made");
    /** Words inside a date that do not end it: "the fourth of june", "march uh third". */
    private static final Set<String> DATE_JOINERS = Set.of("the", "of", "uh", "um", "umm", "er", "erm", "hmm", "ah");
    /** Between a date and the cue after it: "... is my date of birth", "... that's his birthday". */
    private static final Set<String> LEAD_INS = Set.of("is", "was", "my", "his", "her", "their", "that's", "thats",
            "date", "of", "the", "our", "its", "it's");
    private static final Set<String> YEAR_HOMOPHONES = Set.of("too", "ate");
    private static final Set<String> CORRECTIONS = Set.of("no", "sorry", "wait", "actually");
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
    static List<int[]> find(String text, List<Word> allWords, List<ReadOut> readOuts) {
        // hesitations inside a date ("april uh twenty sixth") are skipped; read-outs count words with them
        List<Word> words = new ArrayList<>(allWords.size());
        int[] position = new int[allWords.size()]; // index in allWords → index in words
        for (int i = 0; i < allWords.size(); i++) {
            position[i] = words.size();
            if (!ReadOutNumbers.isFiller(allWords.get(i).text())) words.add(allWords.get(i));
        }
        List<ReadOut> spoken = new ArrayList<>();
        for (ReadOut r : readOuts) {
            spoken.add(new ReadOut(r.digits(), r.start(), r.end(), position[r.firstWord()], position[r.lastWord()],
                    r.numberItems(), r.longestStretch(), r.endsText()));
        }
        List<int[]> out = new ArrayList<>();
        int latestBirthYear = Year.now().getValue() - MIN_AGE;
        for (int i = 0; i < words.size(); i++) {
            if (isCue(words, i)) {
                for (int k = i + 1; k <= Math.min(words.size() - 1, i + CUE_REACH); k++) {
                    Parsed d = date(text, words, k, true);
                    if (d == null && words.get(k - 1).text().equals("in")) d = year(words, k);
                    if (d == null) d = spokenDigits(spoken, k);
                    if (d == null) d = correctedDay(words, k);
                    if (d != null) {
                        out.add(span(words, k, d.lastWord()));
                        break;
                    }
                }
                out.addAll(cuedPieces(words, i));
                out.addAll(piecesBeforeCue(words, i));
                continue;
            }
            Parsed d = date(text, words, i, false);
            if (d != null && d.fullYear() && d.year() <= latestBirthYear && !eventBefore(words, i)) {
                out.add(span(words, i, d.lastWord()));
                i = d.lastWord();
            }
        }
        return out;
    }

    /**
     * Everything date-like after a birth cue, also when the reading is interrupted or the recognizer wrote digits
     * as homophones: "born april let me check the eleventh twenty ten", "birth date oh ate too for nineteen sixty
     * too". Runs of date words (months, ordinals, numbers, "oh", homophones beside them) joined by "the", "of",
     * fillers, or a pause for thought; kept only when they look like a date: a month, an ordinal or three numbers.
     */
    private static List<int[]> cuedPieces(List<Word> words, int cue) {
        int k = cue + 1;
        while (k < words.size() && k <= cue + CUE_REACH && !isDatePiece(words, k)) k++;
        if (k >= words.size() || k > cue + CUE_REACH) return List.of();
        List<int[]> runs = new ArrayList<>();
        int runStart = k, runEnd = k, numbers = 0;
        boolean dateWord = false;
        int j = k;
        while (j < words.size()) {
            if (isDatePiece(words, j)) {
                String w = words.get(j).text();
                if (MONTHS.containsKey(w) || SpokenNumbers.ordinal(w).isPresent()) dateWord = true;
                else numbers++;
                runEnd = j++;
                continue;
            }
            int gap = j;
            boolean interrupted = false;
            while (gap < words.size() && gap - j < 5 && (DATE_JOINERS.contains(words.get(gap).text())
                    || Redactor.isInterruption(words.get(gap).text()))) {
                if (!DATE_JOINERS.contains(words.get(gap).text())) interrupted = true;
                gap++;
            }
            if (gap == j || gap >= words.size() || !isDatePiece(words, gap)) break;
            if (interrupted) {
                runs.add(span(words, runStart, runEnd));
                runStart = gap;
            }
            j = gap;
        }
        runs.add(span(words, runStart, runEnd));
        return dateWord || numbers >= 3 ? runs : List.of();
    }

    /** A date said before its cue: "seventeenth of the ninth ninety one is my date of birth". */
    private static List<int[]> piecesBeforeCue(List<Word> words, int cue) {
        int k = cue - 1;
        while (k >= 0 && cue - k <= 4 && LEAD_INS.contains(words.get(k).text())) k--;
        if (k < 0 || k == cue - 1 || !isDatePiece(words, k)) return List.of();
        int end = k, start = k;
        boolean dateWord = false;
        int numbers = 0;
        while (k >= 0 && (isDatePiece(words, k) || DATE_JOINERS.contains(words.get(k).text()) && datePieceBefore(words, k))) {
            String w = words.get(k).text();
            if (isDatePiece(words, k)) {
                start = k;
                if (MONTHS.containsKey(w) || SpokenNumbers.ordinal(w).isPresent()) dateWord = true;
                else numbers++;
            }
            k--;
        }
        return dateWord || numbers >= 3 ? List.of(span(words, start, end)) : List.of();
    }

    /** Whether a date word comes before word {@code k}, only joiners ("of the") between. */
    private static boolean datePieceBefore(List<Word> words, int k) {
        int j = k - 1;
        while (j >= 0 && DATE_JOINERS.contains(words.get(j).text())) j--;
        return j >= 0 && isDatePiece(words, j);
    }

    private static boolean isDatePiece(List<Word> words, int j) {
        String w = words.get(j).text();
        if (MONTHS.containsKey(w) || w.equals("oh") || w.equals("thousand") || w.equals("hundred")) return true;
        if (w.matches("\\d{1,4}")) return true;
        OptionalInt ordinal = SpokenNumbers.ordinal(w);
        if (ordinal.isPresent() && ordinal.getAsInt() <= 31) return true;
        if (SpokenNumbers.cardinalWord(w).isPresent()) return true;
        if (SpokenNumbers.homophoneDigit(w).isPresent()) {
            // a homophone is a digit only beside another number word: "oh ate too for nineteen"
            return j > 0 && isNumber(words.get(j - 1).text()) || j + 1 < words.size() && isNumber(words.get(j + 1).text());
        }
        return false;
    }

    private static boolean isNumber(String w) {
        return w.equals("oh") || w.matches("\\d{1,4}") || SpokenNumbers.cardinalWord(w).isPresent()
                || SpokenNumbers.homophoneDigit(w).isPresent();
    }

    /**
     * Whether words just before an uncued date say what happened then ("opened the account on", "in place
     * since", "we moved in"): an old date of something other than a birth.
     */
    private static boolean eventBefore(List<Word> words, int first) {
        for (int k = first - 1; k >= Math.max(0, first - CUE_REACH); k--) {
            if (EVENTS.contains(words.get(k).text())) return true;
        }
        return false;
    }

    /** A day begun after the cue and corrected at once: "date of birth is the second no the third ...". */
    private static Parsed correctedDay(List<Word> words, int k) {
        int[] day = day(words, k);
        if (day == null || day[2] == 0 || day[1] + 1 >= words.size()) return null;
        return CORRECTIONS.contains(words.get(day[1] + 1).text()) ? new Parsed(day[1], -1, false) : null;
    }

    /** A date at words[k]; with {@code cued} a two-digit year ("eighty four") counts too. */
    private record Parsed(int lastWord, int year, boolean fullYear) {
    }

    /** Whether {@code word} is a month, an ordinal day or a number word. */
    static boolean isDateWord(String word) {
        return MONTHS.containsKey(word) || SpokenNumbers.ordinal(word).isPresent() || SpokenNumbers.cardinalWord(word).isPresent();
    }

    /** Whether {@code word} announces a birth date ("born", "birthday", "dob"). */
    static boolean isCueWord(String word) {
        return CUES.contains(word);
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
        if (cued && day[2] == 1 && j + 1 < words.size() && words.get(j).text().equals("the")) {
            // "fifth of the sixth eighty seven": the month as an ordinal
            OptionalInt ordinalMonth = SpokenNumbers.ordinal(words.get(j + 1).text());
            if (ordinalMonth.isPresent() && ordinalMonth.getAsInt() >= 1 && ordinalMonth.getAsInt() <= 12) return withYear(words, j + 1, true);
        }
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
            String next = words.get(j + 1).text();
            OptionalInt u = SpokenNumbers.cardinalWord(next);
            // "nineteen ninety too": a homophone digit ends a year when it cannot be the word ("too", "ate"), or
            // nothing follows it
            if (u.isEmpty() && (YEAR_HOMOPHONES.contains(next) || j + 2 == words.size())) u = SpokenNumbers.homophoneDigit(next);
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
