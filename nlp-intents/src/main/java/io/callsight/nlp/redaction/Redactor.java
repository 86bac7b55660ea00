package io.callsight.nlp.redaction;

import io.callsight.nlp.entities.Entity;
import io.callsight.nlp.entities.EntityExtractor;
import io.callsight.nlp.entities.EntityType;
import io.callsight.nlp.entities.Luhn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes personal data before a transcript is indexed. National IDs are found by format (+ checksum where one
 * exists); cards, phones, e-mails and digit runs come from {@link EntityExtractor}, which already reads spoken
 * digits and e-mails and keeps dates and money out of phone numbers; numbers read out the way a recognizer writes
 * them (homophones, fillers, pairs, digits mixed with words) come from {@link ReadOutNumbers}, and dates of birth
 * from {@link BirthDates}. Overlapping finds merge into one span with the category first in {@link PiiCategory}
 * order, so a span is never narrowed by a weaker overlapping one.
 * <p>Per track, {@link #redact(String, TrackTail)} also sees the end of the previous utterance, for numbers a pause
 * split in two, and {@link #redact(String, TrackTail, String)} the start of the next one: the speech job holds an
 * utterance that {@link #awaitsNext ends open} into the next one until that one is heard, so both parts of a
 * split number are removed. Without the next utterance, a number cut short at the end is removed when it is a
 * clear read-out ({@link #CUT_STRETCH} single digits) or follows a cue such as "card number": it may go on.
 * <p>A read-out interrupted by a correction or a pause for thought ("four nine one six no sorry four nine one
 * seven ...", "two two nine one let me check seven oh four") is one number: its pieces are judged together.
 */
public final class Redactor {
    private static final Pattern SSN = Pattern.compile("(?<![\\d-])(\\d{3})[- ](\\d{2})[- ](\\d{4})(?![\\d-])");
    private static final Pattern UK_NI = Pattern.compile(
            "(?i)(?<![A-Z0-9])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])\\s?(\\d{2})\\s?(\\d{2})\\s?(\\d{2})\\s?([A-D])(?![A-Z0-9])");
    private static final Pattern CN_ID = Pattern.compile("(?<![\\dXx])(\\d{17}[\\dXx])(?![\\dXx])");
    private static final int[] CN_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CN_CHECK = "10X98765432";

    /** Single digits in a row at the end of an utterance that are removed however short: the pause may have cut a number. */
    static final int CUT_STRETCH = 4;
    /** What the words before a read-out say it is: "my card number is ...", "social ...", "policy ...". */
    private enum Cue { NONE, CARD, PHONE, SSN, ACCOUNT, LAST_DIGITS, EXPIRY, DATE, NOT_PERSONAL }
    /** "the last four", "last four digits": the end of a card or social security number, asked to verify. */
    private static final Set<String> LAST_WHAT = Set.of("four", "4", "digits");
    /** "the one ending in", "ending with": the last digits of a card or account. */
    private static final Set<String> ENDING = Set.of("ending", "ends");

    private static final Map<String, Cue> CUES = cues(Map.of(
            Cue.CARD, List.of("card", "visa", "mastercard", "amex", "debit", "credit"),
            Cue.PHONE, List.of("phone", "mobile", "cell", "landline", "call", "reach", "text", "ring"),
            Cue.SSN, List.of("social", "ssn"),
            Cue.ACCOUNT, List.of("account", "policy", "member", "membership", "reference", "customer", "claim", "order",
                    "invoice", "id", "number", "tracking"),
            Cue.EXPIRY, List.of("expiry", "expires", "expiration"),
            Cue.DATE, List.of("date", "dated"),
            // numbers read out digit by digit that identify no one
            Cue.NOT_PERSONAL, List.of("extension", "meter", "reading", "zip", "postcode", "postal", "room", "gate",
                    "flight", "platform", "seat", "model", "error", "channel", "suite", "apartment", "floor")));
    private static final Pattern CLOCK_WORDS = Pattern.compile(
            "(?i):|\\b(?:[ap]\\.?\\s?m\\b|o'clock|morning|afternoon|evening|noon|midnight|midday)");
    /** How far before a read-out its cue may be: "my card number is uh". */
    private static final int CUE_REACH = 5;
    /**
     * Words that may stand between two pieces of one number being read out: corrections ("no sorry", "wait no
     * that's wrong"), pauses for thought ("let me check", "hold on yeah"), "and then".
     */
    private static final Set<String> INTERRUPTIONS = Set.of("my", "old", "new", "no", "sorry", "wait", "hang", "hold", "on", "let", "me",
            "just", "check", "see", "yeah", "yes", "ok", "okay", "and", "then", "actually", "i", "mean", "that's",
            "wrong", "it", "it's", "again", "not", "right", "so", "oops", "scratch", "that", "sec", "second", "moment",
            "uh", "um", "umm", "er", "erm", "ah", "hmm", "mm");
    /** Of {@link #INTERRUPTIONS}, those that say the reading was interrupted; "on", "and" or "it" alone do not. */
    private static final Set<String> INTERRUPTING = Set.of("no", "sorry", "wait", "hang", "hold", "check", "see",
            "then", "actually", "mean", "wrong", "again", "oops", "scratch", "sec", "moment");
    /** Words at most between two pieces of one number: "hold on let me check". */
    static final int INTERRUPTION_WORDS = 5;
    /** Letters spelled next to a number's digits that are part of it: "a b ... c" in a national insurance number. */
    private static final int MAX_SPELLED_LETTERS = 3;

    private final RedactionPolicy policy;
    private final EntityExtractor extractor;

    public Redactor(RedactionPolicy policy) {
        this(policy, new EntityExtractor());
    }

    public Redactor(RedactionPolicy policy, EntityExtractor extractor) {
        this.policy = policy;
        this.extractor = extractor;
    }

    /** Redacts one utterance on its own; a number at its end may go on. */
    public Redaction redact(String text) {
        return render(text, find(text, true));
    }

    /**
     * Redacts one utterance of a track, {@code previous} being the tail of the one before ({@link TrackTail#NONE}
     * for the first, or after a long pause). When the tail and this utterance's start form a personal number,
     * this utterance's part of it is removed. What follows is not known: a number at the end may go on.
     */
    public Redaction redact(String text, TrackTail previous) {
        return redact(text, previous, null);
    }

    /**
     * Redacts one utterance of a track knowing what the track said next: {@code following} is the next utterance
     * ("" when none followed within {@link TrackTail#MAX_PAUSE_MS}: the utterance is complete). A number that goes
     * on into the next utterance is removed here too, and one that does not is judged as complete.
     */
    public Redaction redact(String text, TrackTail previous, String following) {
        boolean complete = following != null;
        List<PiiSpan> spans = new ArrayList<>(find(text, !complete));
        if (previous != null && !previous.isEmpty()) {
            String joined = previous.text() + " " + text;
            int offset = previous.text().length() + 1;
            for (PiiSpan s : find(joined, !complete)) {
                if (s.end() <= offset) continue; // the previous utterance's own: judged with it
                clip(s, offset, text, spans);
            }
        }
        if (complete && !following.isBlank()) {
            for (PiiSpan s : find(text + " " + following, false)) {
                if (s.start() < text.length()) clip(s, 0, text, spans);
            }
        }
        return render(text, merge(spans));
    }

    /**
     * Whether an utterance must wait for the track's next one before it is published: it ends with number words,
     * spelled letters or a date begun ("it's five four", "starts with j d", "born on the ninth of") that
     * {@code redacted} (its redaction not knowing what follows, {@link #redact(String, TrackTail)}) left in, and the
     * next utterance may make them part of a personal number. Ending with a cue alone ("my card number is") does
     * not wait: there is nothing in it to remove, and the next utterance sees the cue in its tail.
     */
    public static boolean awaitsNext(String text, Redaction redacted) {
        int open = openEnd(text);
        if (open < 0) return false;
        for (PiiSpan s : redacted.spans()) {
            if (s.start() <= open && open < s.end()) return false; // already removed as it may go on
        }
        return true;
    }

    /** Where the word starts that leaves {@code text} open to the next utterance; -1 when none does. */
    private static int openEnd(String text) {
        List<ReadOutNumbers.Word> words = ReadOutNumbers.words(text);
        int last = words.size() - 1;
        while (last >= 0 && ReadOutNumbers.isFiller(words.get(last).text())) last--;
        if (last < 0) return -1;
        String end = words.get(last).text();
        if (end.length() == 1 && Character.isLetter(end.charAt(0)) && !end.equals("a") && !end.equals("i")) {
            return words.get(last).start(); // "the tracking number starts with j d": letters of an identifier, digits next
        }
        if ((end.equals("of") || end.equals("the")) && last > 0 && BirthDates.isDateWord(words.get(last - 1).text())) {
            return words.get(last).start(); // "born on the ninth of": the date goes on
        }
        // "... two one six five let me just check": the reading may go on after the pause for thought
        int number = last;
        while (number >= 0 && last - number < INTERRUPTION_WORDS && INTERRUPTIONS.contains(words.get(number).text())) number--;
        if (number < 0 || !ReadOutNumbers.isNumberWord(words.get(number).text())) return -1;
        // a written date, time or amount ("2025-03-04", "4:30") is complete as written
        int start = words.get(number).start();
        boolean written = start > 0 && ("-/.:,".indexOf(text.charAt(start - 1)) >= 0 || Character.isLetterOrDigit(text.charAt(start - 1)));
        return written ? -1 : start;
    }

    /** The part of {@code s} (in a text that starts {@code offset} before {@code text}) that lies in {@code text}. */
    private static void clip(PiiSpan s, int offset, String text, List<PiiSpan> out) {
        int start = Math.max(s.start() - offset, 0), end = Math.min(s.end() - offset, text.length());
        while (start < end && Character.isWhitespace(text.charAt(start))) start++;
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) end--;
        if (start < end) out.add(new PiiSpan(s.category(), start, end, text.substring(start, end)));
    }

    /** {@code mayGoOn}: the text may end inside a number whose rest is not known yet. */
    private List<PiiSpan> find(String text, boolean mayGoOn) {
        List<PiiSpan> candidates = new ArrayList<>();
        Matcher m = SSN.matcher(text);
        while (m.find()) if (validSsn(m.group(1), m.group(2), m.group(3))) add(candidates, PiiCategory.SSN, text, m.start(), m.end());
        m = UK_NI.matcher(text);
        while (m.find()) if (validNiPrefix(m.group(1))) add(candidates, PiiCategory.UK_NI, text, m.start(), m.end());
        m = CN_ID.matcher(text);
        while (m.find()) if (validCnId(m.group(1))) add(candidates, PiiCategory.CN_RESIDENT_ID, text, m.start(), m.end());

        List<int[]> quantities = new ArrayList<>();
        for (Entity e : extractor.extract(text)) {
            PiiCategory own = switch (e.type()) {
                case EMAIL -> PiiCategory.EMAIL;
                case CARD_NUMBER -> PiiCategory.CARD;
                case PHONE -> PiiCategory.PHONE;
                default -> null;
            };
            if (e.type() == EntityType.MONEY || e.type() == EntityType.DATE || e.type() == EntityType.TIME && clockTime(e.text())) {
                quantities.add(new int[] {e.start(), e.end()});
            }
            if (own != null && policy.covers(own)) {
                add(candidates, own, text, e.start(), e.end());
            } else if (isDigits(e) && digitCount(e.value()) >= policy.minDigitRun() && policy.covers(PiiCategory.DIGIT_RUN)) {
                add(candidates, PiiCategory.DIGIT_RUN, text, e.start(), e.end());
            }
        }
        List<ReadOutNumbers.Word> words = ReadOutNumbers.words(text);
        List<ReadOutNumbers.ReadOut> readOuts = ReadOutNumbers.find(text, words, quantities,
                first -> personalCue(cue(words, first)));
        for (List<ReadOutNumbers.ReadOut> number : interruptedNumbers(words, readOuts)) {
            if (number.size() == 1) {
                ReadOutNumbers.ReadOut r = number.get(0);
                PiiCategory c = readOutCategory(r, cue(words, r.firstWord()), mayGoOn);
                if (c != null) add(candidates, c, text, r.start(), r.end());
                continue;
            }
            // pieces of one number around a correction: the whole and each piece judged, the strongest verdict
            // for all; a correction's first try is as personal as the number it corrects
            PiiCategory verdict = null;
            ReadOutNumbers.ReadOut whole = joined(number);
            verdict = stronger(verdict, readOutCategory(whole, cue(words, whole.firstWord()), mayGoOn));
            for (ReadOutNumbers.ReadOut r : number) {
                verdict = stronger(verdict, readOutCategory(r, cue(words, r.firstWord()), mayGoOn));
            }
            if (verdict == null) continue;
            for (ReadOutNumbers.ReadOut r : number) {
                if (r.numberItems() >= 2 || r.digits().length() >= 2) add(candidates, verdict, text, r.start(), r.end());
            }
        }
        if (policy.covers(PiiCategory.DOB)) {
            for (int[] d : BirthDates.find(text, words, ReadOutNumbers.find(text, words, List.of()))) {
                add(candidates, PiiCategory.DOB, text, d[0], d[1]);
            }
        }
        return withSpelledLetters(text, words, merge(candidates));
    }

    /**
     * Identifiers mix letters and digits ("national insurance q r one two four eight six seven c", "member id m
     * two four four ..."): single letters right next to a removed number are part of it. A lone "a" or "i" is the
     * word.
     */
    private static List<PiiSpan> withSpelledLetters(String text, List<ReadOutNumbers.Word> words, List<PiiSpan> spans) {
        List<PiiSpan> out = new ArrayList<>(spans.size());
        for (PiiSpan s : spans) {
            if (s.category() == PiiCategory.EMAIL || s.category() == PiiCategory.DOB) {
                out.add(s);
                continue;
            }
            int first = 0;
            while (first < words.size() && words.get(first).start() < s.start()) first++;
            int last = words.size() - 1;
            while (last >= 0 && words.get(last).end() > s.end()) last--;
            int from = first, to = last, letters = 0;
            while (letters < MAX_SPELLED_LETTERS) {
                int unit = spelledLetterEndingAt(words, from - 1);
                if (unit == 0) break;
                from -= unit;
                letters++;
            }
            if (first - from == 1 && isWordLetter(words.get(from))) from = first;
            letters = 0;
            while (letters < MAX_SPELLED_LETTERS) {
                int unit = spelledLetterStartingAt(words, to + 1);
                if (unit == 0) break;
                to += unit;
                letters++;
            }
            if (to - last == 1 && isWordLetter(words.get(to))) to = last;
            int start = from < first ? words.get(from).start() : s.start(), end = to > last ? words.get(to).end() : s.end();
            out.add(new PiiSpan(s.category(), start, end, text.substring(start, end)));
        }
        return merge(out);
    }

    /** Words in the spelled letter starting at word {@code i}: 1 for "d", 3 for "d for delta", 0 for none. */
    private static int spelledLetterStartingAt(List<ReadOutNumbers.Word> words, int i) {
        if (i < 0 || i >= words.size() || !isSpelledLetter(words.get(i))) return 0;
        return i + 2 < words.size() && phonetic(words.get(i), words.get(i + 1), words.get(i + 2)) ? 3 : 1;
    }

    /** Words in the spelled letter ending at word {@code i}: 1 for "d", 3 for "d for delta", 0 for none. */
    private static int spelledLetterEndingAt(List<ReadOutNumbers.Word> words, int i) {
        if (i >= 2 && phonetic(words.get(i - 2), words.get(i - 1), words.get(i))) return 3;
        return i >= 0 && i < words.size() && isSpelledLetter(words.get(i)) ? 1 : 0;
    }

    /** "s for sierra", "t as in tango" read as "t as tango" by a recognizer. */
    private static boolean phonetic(ReadOutNumbers.Word letter, ReadOutNumbers.Word by, ReadOutNumbers.Word word) {
        return isSpelledLetter(letter) && (by.text().equals("for") || by.text().equals("as"))
                && word.text().length() > 2 && word.text().charAt(0) == letter.text().charAt(0);
    }

    private static boolean isSpelledLetter(ReadOutNumbers.Word w) {
        return w.text().length() == 1 && Character.isLetter(w.text().charAt(0));
    }

    private static boolean isWordLetter(ReadOutNumbers.Word w) {
        return w.text().equals("a") || w.text().equals("i");
    }

    /**
     * Read-outs grouped into numbers: consecutive read-outs separated only by a few {@link #INTERRUPTIONS} words
     * are pieces of one number. Most groups have one read-out.
     */
    private static List<List<ReadOutNumbers.ReadOut>> interruptedNumbers(List<ReadOutNumbers.Word> words,
                                                                        List<ReadOutNumbers.ReadOut> readOuts) {
        List<List<ReadOutNumbers.ReadOut>> out = new ArrayList<>();
        for (ReadOutNumbers.ReadOut r : readOuts) {
            List<ReadOutNumbers.ReadOut> last = out.isEmpty() ? null : out.get(out.size() - 1);
            ReadOutNumbers.ReadOut before = last == null ? null : last.get(last.size() - 1);
            if (before != null && readDigitByDigit(before) && readDigitByDigit(r)
                    && interruptionBetween(words, before.lastWord(), r.firstWord())) {
                last.add(r);
            } else {
                out.add(new ArrayList<>(List.of(r)));
            }
        }
        return out;
    }

    static boolean isInterruption(String word) {
        return INTERRUPTIONS.contains(word);
    }

    /**
     * Personal numbers are read digit by digit, at least in part; "four thirty no sorry five thirty" is a time
     * corrected, and its pieces do not add up to one number.
     */
    private static boolean readDigitByDigit(ReadOutNumbers.ReadOut r) {
        return r.longestStretch() >= 2 || r.digits().length() >= 6;
    }

    private static boolean interruptionBetween(List<ReadOutNumbers.Word> words, int lastWord, int nextFirst) {
        int gap = nextFirst - lastWord - 1;
        if (gap < 1 || gap > INTERRUPTION_WORDS) return false;
        boolean interrupted = false;
        for (int k = lastWord + 1; k < nextFirst; k++) {
            String w = words.get(k).text();
            if (!INTERRUPTIONS.contains(w)) return false;
            if (INTERRUPTING.contains(w)) interrupted = true;
        }
        return interrupted;
    }

    /** The pieces of one interrupted number read as one: their digits in order, the span of them all. */
    private static ReadOutNumbers.ReadOut joined(List<ReadOutNumbers.ReadOut> pieces) {
        StringBuilder digits = new StringBuilder();
        int items = 0, stretch = 0;
        for (ReadOutNumbers.ReadOut r : pieces) {
            digits.append(r.digits());
            items += r.numberItems();
            stretch = Math.max(stretch, r.longestStretch());
        }
        ReadOutNumbers.ReadOut first = pieces.get(0), last = pieces.get(pieces.size() - 1);
        return new ReadOutNumbers.ReadOut(digits.toString(), first.start(), last.end(), first.firstWord(),
                last.lastWord(), items, stretch, last.endsText());
    }

    private static PiiCategory stronger(PiiCategory a, PiiCategory b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.ordinal() <= b.ordinal() ? a : b;
    }

    /**
     * What a read-out number is, by its digits and the cue before it; null when it is not personal (or not
     * covered). {@code mayGoOn}: the text may end inside it, the rest still to come.
     */
    private PiiCategory readOutCategory(ReadOutNumbers.ReadOut r, Cue cue, boolean mayGoOn) {
        String d = r.digits();
        int n = d.length();
        if (r.numberItems() < 2) return null; // one written number or one quantity word: the extractor judged it
        if (cue == Cue.DATE || cue == Cue.NOT_PERSONAL) return null; // "the purchase date is oh four ...", "extension two two"
        if (cue == Cue.EXPIRY && n >= 3 && n <= 6) return policy.covers(PiiCategory.CARD) ? PiiCategory.CARD : null;
        PiiCategory c = null;
        if (Luhn.isCardNumber(d)) {
            c = PiiCategory.CARD;
        } else if (cue == Cue.SSN && n == 9 && validSsn(d.substring(0, 3), d.substring(3, 5), d.substring(5))) {
            c = PiiCategory.SSN;
        } else if (cue == Cue.PHONE && n >= 7 && n <= 15 || n == 10 || n == 11 && (d.startsWith("1") || d.startsWith("0"))) {
            c = PiiCategory.PHONE;
        }
        if (c != null && policy.covers(c)) return c;
        if (n >= policy.minDigitRun() && policy.covers(PiiCategory.DIGIT_RUN)) return PiiCategory.DIGIT_RUN;
        if (cue == Cue.LAST_DIGITS && n == 4 && r.longestStretch() >= 3 && policy.covers(PiiCategory.DIGIT_RUN)) {
            return PiiCategory.DIGIT_RUN;
        }
        // The utterance ends inside a number being read out. A cued one is a piece of a personal number however
        // short; an uncued clear read-out may be one when its rest is still to come (not yet heard).
        boolean cut = mayGoOn && r.longestStretch() >= CUT_STRETCH;
        if (r.endsText() && (cut || cue != Cue.NONE && r.longestStretch() >= 2)) {
            PiiCategory cued = switch (cue) {
                case CARD -> PiiCategory.CARD;
                case PHONE -> PiiCategory.PHONE;
                case SSN -> PiiCategory.SSN;
                case ACCOUNT, LAST_DIGITS, EXPIRY, DATE, NOT_PERSONAL, NONE -> PiiCategory.DIGIT_RUN;
            };
            if (policy.covers(cued)) return cued;
            if (policy.covers(PiiCategory.DIGIT_RUN)) return PiiCategory.DIGIT_RUN;
        }
        return null;
    }

    /**
     * Whether the extractor's time is a time by its words ("ten am", "four o'clock", "8:30") rather than by its
     * numbers alone: it reads "nine oh two" as 09:02, which in "policy number nine oh two two five" is digits.
     */
    private static boolean clockTime(String text) {
        return CLOCK_WORDS.matcher(text).find();
    }

    /** The kind of number the words just before word {@code first} announce. */
    private static Cue cue(List<ReadOutNumbers.Word> words, int first) {
        int reach = CUE_REACH;
        for (int j = first - 1; j >= 0 && j >= first - reach; j--) {
            // a pause for thought does not move the cue away: "the meter reading is uh let me check ..."
            if (INTERRUPTIONS.contains(words.get(j).text()) && !CUES.containsKey(words.get(j).text())
                    && reach < CUE_REACH + INTERRUPTION_WORDS) reach++;
            if (words.get(j).text().equals("last") && j + 1 < first && LAST_WHAT.contains(words.get(j + 1).text())
                    || ENDING.contains(words.get(j).text())) {
                return Cue.LAST_DIGITS;
            }
            Cue c = CUES.get(words.get(j).text());
            if (c != null) {
                // "phone number", "card number": the word before "number" says which number
                Cue before = j > 0 && words.get(j).text().equals("number") ? CUES.get(words.get(j - 1).text()) : null;
                return before != null ? before : c;
            }
        }
        return Cue.NONE;
    }

    private static boolean personalCue(Cue c) {
        return c != Cue.NONE && c != Cue.DATE && c != Cue.NOT_PERSONAL;
    }

    private static Map<String, Cue> cues(Map<Cue, List<String>> words) {
        Map<String, Cue> out = new HashMap<>();
        words.forEach((cue, ws) -> ws.forEach(w -> out.put(w, cue)));
        return Map.copyOf(out);
    }

    private static Redaction render(String text, List<PiiSpan> kept) {
        StringBuilder sb = new StringBuilder(text);
        for (int i = kept.size() - 1; i >= 0; i--) {
            PiiSpan s = kept.get(i);
            sb.replace(s.start(), s.end(), s.category().placeholder());
        }
        return new Redaction(sb.toString(), kept);
    }

    private void add(List<PiiSpan> out, PiiCategory c, String text, int s, int e) {
        if (policy.covers(c)) out.add(new PiiSpan(c, s, e, text.substring(s, e)));
    }

    private static boolean isDigits(Entity e) {
        return switch (e.type()) {
            case NUMBER, ACCOUNT_NUMBER, PHONE, CARD_NUMBER -> e.value().replace("+", "").chars().allMatch(Character::isDigit);
            default -> false; // dates, times and money are never digit runs
        };
    }

    private static int digitCount(String s) {
        return (int) s.chars().filter(Character::isDigit).count();
    }

    /**
     * Overlapping spans become one spanning them all, with the category first in {@link PiiCategory} order: keeping
     * only the strongest of two overlapping finds would put the rest of the longer one back in the text.
     */
    static List<PiiSpan> merge(List<PiiSpan> candidates) {
        List<PiiSpan> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingInt(PiiSpan::start).thenComparingInt(s -> -s.end()));
        List<PiiSpan> out = new ArrayList<>();
        for (PiiSpan s : sorted) {
            PiiSpan last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.overlaps(s)) {
                PiiCategory c = last.category().ordinal() <= s.category().ordinal() ? last.category() : s.category();
                int end = Math.max(last.end(), s.end());
                String t = s.end() > last.end() ? last.text() + s.text().substring(last.end() - s.start()) : last.text();
                out.set(out.size() - 1, new PiiSpan(c, last.start(), end, t));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    /** SSA never issues area 000, 666 or 900–999, group 00 or serial 0000. */
    static boolean validSsn(String area, String group, String serial) {
        int a = Integer.parseInt(area);
        return a != 0 && a != 666 && a < 900 && !group.equals("00") && !serial.equals("0000");
    }

    /** HMRC: prefixes BG, GB, NK, KN, TN, NT, ZZ are never allocated. */
    static boolean validNiPrefix(String prefix) {
        String p = prefix.toUpperCase(java.util.Locale.ROOT);
        return !java.util.Set.of("BG", "GB", "NK", "KN", "TN", "NT", "ZZ").contains(p);
    }

    /** GB 11643-1999: ISO 7064 MOD 11-2 check character and a real birth date in positions 7–14. */
    static boolean validCnId(String id) {
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += (id.charAt(i) - '0') * CN_WEIGHTS[i];
        if (Character.toUpperCase(id.charAt(17)) != CN_CHECK.charAt(sum % 11)) return false;
        try {
            java.time.LocalDate.parse(id.substring(6, 14), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    static boolean isCard(String digits) {
        return Luhn.isCardNumber(digits);
    }
}
