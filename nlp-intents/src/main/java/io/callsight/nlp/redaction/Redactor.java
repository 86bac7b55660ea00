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
 * split in two. The previous utterance has been published by then, so only the current one's part can be removed:
 * the previous part was judged on its own, and a number cut short at the end of an utterance is therefore removed
 * already when it is a clear read-out ({@link #CUT_STRETCH} single digits) or follows a cue such as "card number".
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
    private enum Cue { NONE, CARD, PHONE, SSN, ACCOUNT }

    private static final Map<String, Cue> CUES = cues(Map.of(
            Cue.CARD, List.of("card", "visa", "mastercard", "amex", "debit", "credit"),
            Cue.PHONE, List.of("phone", "mobile", "cell", "landline", "call", "reach", "text", "ring"),
            Cue.SSN, List.of("social", "ssn"),
            Cue.ACCOUNT, List.of("account", "policy", "member", "membership", "reference", "customer", "claim", "order",
                    "invoice", "id", "number")));
    private static final Pattern CLOCK_WORDS = Pattern.compile(
            "(?i):|\\b(?:[ap]\\.?\\s?m\\b|o'clock|morning|afternoon|evening|noon|midnight|midday)");
    /** How far before a read-out its cue may be: "my card number is uh". */
    private static final int CUE_REACH = 5;

    private final RedactionPolicy policy;
    private final EntityExtractor extractor;

    public Redactor(RedactionPolicy policy) {
        this(policy, new EntityExtractor());
    }

    public Redactor(RedactionPolicy policy, EntityExtractor extractor) {
        this.policy = policy;
        this.extractor = extractor;
    }

    public Redaction redact(String text) {
        return render(text, find(text));
    }

    /**
     * Redacts one utterance of a track, {@code previous} being the tail of the one before ({@link TrackTail#NONE}
     * for the first, or after a long pause). When the tail and this utterance's start form a personal number,
     * this utterance's part of it is removed.
     */
    public Redaction redact(String text, TrackTail previous) {
        if (previous == null || previous.isEmpty()) return redact(text);
        List<PiiSpan> spans = new ArrayList<>(find(text));
        String joined = previous.text() + " " + text;
        int offset = previous.text().length() + 1;
        for (PiiSpan s : find(joined)) {
            if (s.end() <= offset) continue; // the previous utterance's own: already published as it was judged then
            int start = Math.max(s.start(), offset) - offset, end = s.end() - offset;
            while (start < end && Character.isWhitespace(text.charAt(start))) start++;
            if (start < end) spans.add(new PiiSpan(s.category(), start, end, text.substring(start, end)));
        }
        return render(text, merge(spans));
    }

    private List<PiiSpan> find(String text) {
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
        List<ReadOutNumbers.ReadOut> readOuts = ReadOutNumbers.find(text, words, quantities);
        for (ReadOutNumbers.ReadOut r : readOuts) {
            PiiCategory c = readOutCategory(r, cue(words, r.firstWord()));
            if (c != null) add(candidates, c, text, r.start(), r.end());
        }
        if (policy.covers(PiiCategory.DOB)) {
            for (int[] d : BirthDates.find(text, words, ReadOutNumbers.find(text, words, List.of()))) {
                add(candidates, PiiCategory.DOB, text, d[0], d[1]);
            }
        }
        return merge(candidates);
    }

    /** What a read-out number is, by its digits and the cue before it; null when it is not personal (or not covered). */
    private PiiCategory readOutCategory(ReadOutNumbers.ReadOut r, Cue cue) {
        String d = r.digits();
        int n = d.length();
        if (r.numberItems() < 2) return null; // one written number or one quantity word: the extractor judged it
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
        // The utterance ends inside a number being read out: the rest may come in the next utterance, too late
        // to take this part back, so a clear read-out or a cued one is removed however short.
        if (r.endsText() && (r.longestStretch() >= CUT_STRETCH || cue != Cue.NONE && r.longestStretch() >= 2)) {
            PiiCategory cued = switch (cue) {
                case CARD -> PiiCategory.CARD;
                case PHONE -> PiiCategory.PHONE;
                case SSN -> PiiCategory.SSN;
                case ACCOUNT, NONE -> PiiCategory.DIGIT_RUN;
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
        for (int j = first - 1; j >= Math.max(0, first - CUE_REACH); j--) {
            Cue c = CUES.get(words.get(j).text());
            if (c != null) {
                // "phone number", "card number": the word before "number" says which number
                Cue before = j > 0 && words.get(j).text().equals("number") ? CUES.get(words.get(j - 1).text()) : null;
                return before != null ? before : c;
            }
        }
        return Cue.NONE;
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
