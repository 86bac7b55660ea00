package io.callsight.nlp.redaction.bench;

import io.callsight.nlp.redaction.PiiCategory;
import io.callsight.nlp.redaction.PiiSpan;
import io.callsight.nlp.redaction.Redaction;
import io.callsight.nlp.redaction.RedactionPolicy;

import io.callsight.nlp.entities.Entity;
import io.callsight.nlp.entities.EntityExtractor;
import io.callsight.nlp.entities.EntityType;
import io.callsight.nlp.entities.Luhn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The redactor as it was before numbers read out by a recognizer were handled (commit f0e6bc1), kept verbatim as
 * the benchmark's baseline: written formats and {@link EntityExtractor}'s spoken digit runs, no homophones,
 * fillers, splits across utterances or dates of birth. Not used outside the benchmark.
 */
public final class LegacyRedactor {
    private static final Pattern SSN = Pattern.compile("(?<![\\d-])(\\d{3})[- ](\\d{2})[- ](\\d{4})(?![\\d-])");
    private static final Pattern UK_NI = Pattern.compile(
            "(?i)(?<![A-Z0-9])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])\\s?(\\d{2})\\s?(\\d{2})\\s?(\\d{2})\\s?([A-D])(?![A-Z0-9])");
    private static final Pattern CN_ID = Pattern.compile("(?<![\\dXx])(\\d{17}[\\dXx])(?![\\dXx])");
    private static final int[] CN_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CN_CHECK = "10X98765432";

    private final RedactionPolicy policy;
    private final EntityExtractor extractor;

    public LegacyRedactor(RedactionPolicy policy) {
        this(policy, new EntityExtractor());
    }

    public LegacyRedactor(RedactionPolicy policy, EntityExtractor extractor) {
        this.policy = policy;
        this.extractor = extractor;
    }

    public Redaction redact(String text) {
        List<PiiSpan> candidates = new ArrayList<>();
        Matcher m = SSN.matcher(text);
        while (m.find()) if (validSsn(m.group(1), m.group(2), m.group(3))) add(candidates, PiiCategory.SSN, text, m.start(), m.end());
        m = UK_NI.matcher(text);
        while (m.find()) if (validNiPrefix(m.group(1))) add(candidates, PiiCategory.UK_NI, text, m.start(), m.end());
        m = CN_ID.matcher(text);
        while (m.find()) if (validCnId(m.group(1))) add(candidates, PiiCategory.CN_RESIDENT_ID, text, m.start(), m.end());

        for (Entity e : extractor.extract(text)) {
            PiiCategory own = switch (e.type()) {
                case EMAIL -> PiiCategory.EMAIL;
                case CARD_NUMBER -> PiiCategory.CARD;
                case PHONE -> PiiCategory.PHONE;
                default -> null;
            };
            if (own != null && policy.covers(own)) {
                add(candidates, own, text, e.start(), e.end());
            } else if (isDigits(e) && digitCount(e.value()) >= policy.minDigitRun() && policy.covers(PiiCategory.DIGIT_RUN)) {
                add(candidates, PiiCategory.DIGIT_RUN, text, e.start(), e.end());
            }
        }
        List<PiiSpan> kept = resolve(candidates);
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

    private static List<PiiSpan> resolve(List<PiiSpan> candidates) {
        List<PiiSpan> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingInt((PiiSpan s) -> s.category().ordinal())
                .thenComparingInt(s -> -(s.end() - s.start())));
        List<PiiSpan> kept = new ArrayList<>();
        for (PiiSpan s : sorted) if (kept.stream().noneMatch(k -> k.start() < s.end() && s.start() < k.end())) kept.add(s);
        kept.sort(Comparator.comparingInt(PiiSpan::start));
        return kept;
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
