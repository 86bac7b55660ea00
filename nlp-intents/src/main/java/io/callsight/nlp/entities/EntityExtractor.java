package io.callsight.nlp.entities;

import io.callsight.nlp.text.ChineseText;
import io.callsight.nlp.text.LanguageDetector;
import io.callsight.nlp.text.Normalizer;
import io.callsight.nlp.text.SpokenNumbers;
import io.callsight.nlp.text.Token;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds entities in one utterance, written or spoken ("$25" and "twenty five dollars"; "john.smith@example.com" and
 * "john dot smith at example dot com"). Two passes: regexes over the original text for written formats, then a
 * pass over {@link Normalizer} tokens for spoken forms and digit runs. Overlaps resolve by type priority, then
 * length, so a date is never also a phone number and a Luhn-valid card is never an account number.
 * Chinese person/place/organization names come from HanLP's HMM NER.
 */
public final class EntityExtractor {
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern ISO_DATE = Pattern.compile("(?<![\\d-])(\\d{4})-(\\d{1,2})-(\\d{1,2})(?![\\d-])");
    private static final Pattern SLASH_DATE = Pattern.compile("(?<![\\d/])(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})(?![\\d/])");
    private static final Pattern CLOCK = Pattern.compile(
            "(?<![\\d:])([01]?\\d|2[0-3]):([0-5]\\d)(?![\\d:])(?:\\s*([ap])\\.?\\s?m\\b\\.?)?", Pattern.CASE_INSENSITIVE);
    private static final Set<String> TLDS = Set.of("com", "org", "net", "edu", "gov", "io", "co", "uk", "de", "cn",
            "us", "info", "biz", "fr", "au", "ca", "me", "ai");
    private static final Map<String, String> CURRENCY_WORDS = Map.ofEntries(
            Map.entry("dollar", "USD"), Map.entry("dollars", "USD"), Map.entry("bucks", "USD"), Map.entry("usd", "USD"),
            Map.entry("euro", "EUR"), Map.entry("euros", "EUR"), Map.entry("eur", "EUR"),
            Map.entry("pound", "GBP"), Map.entry("pounds", "GBP"), Map.entry("quid", "GBP"), Map.entry("gbp", "GBP"),
            Map.entry("yuan", "CNY"), Map.entry("rmb", "CNY"), Map.entry("renminbi", "CNY"));
    private static final Map<Character, String> CURRENCY_SYMBOLS = Map.of('$', "USD", '€', "EUR", '£', "GBP", '¥', "CNY");
    private static final Set<String> ACCOUNT_CONTEXT = Set.of("account", "acct", "member", "membership", "policy",
            "order", "reference", "ref", "customer", "invoice", "ticket", "id", "case");
    private static final Set<String> PHONE_CONTEXT = Set.of("phone", "mobile", "cell", "call", "reach", "text",
            "telephone", "landline", "callback");
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("january", 1), Map.entry("february", 2), Map.entry("march", 3), Map.entry("april", 4),
            Map.entry("may", 5), Map.entry("june", 6), Map.entry("july", 7), Map.entry("august", 8),
            Map.entry("september", 9), Map.entry("october", 10), Map.entry("november", 11), Map.entry("december", 12),
            Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("jun", 6),
            Map.entry("jul", 7), Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("sept", 9), Map.entry("oct", 10),
            Map.entry("nov", 11), Map.entry("dec", 12));

    private final Normalizer normalizer = new Normalizer();
    private final Clock clock;

    public EntityExtractor() {
        this(Clock.systemDefaultZone());
    }

    /** @param clock resolves relative dates ("tomorrow") in the tenant's zone */
    public EntityExtractor(Clock clock) {
        this.clock = clock;
    }

    public List<Entity> extract(String text) {
        List<Entity> candidates = new ArrayList<>();
        written(text, candidates);
        List<Token> tokens = splitAroundWritten(normalizer.tokens(text), candidates, text);
        spokenEmails(text, tokens, candidates);
        dates(text, tokens, candidates);
        times(text, tokens, candidates);
        numbers(text, tokens, candidates);
        if (LanguageDetector.containsHan(text)) {
            for (ChineseText.NamedEntity ne : ChineseText.namedEntities(text)) {
                EntityType t = switch (ne.type()) {
                    case PERSON -> EntityType.PERSON;
                    case PLACE -> EntityType.PLACE;
                    case ORGANIZATION -> EntityType.ORGANIZATION;
                };
                candidates.add(new Entity(t, ne.text(), ne.text(), ne.start(), ne.end()));
            }
        }
        return resolve(candidates);
    }

    private static int priority(EntityType t) {
        return switch (t) {
            case EMAIL -> 10;
            case CARD_NUMBER -> 9;
            case MONEY -> 8;
            case DATE, TIME -> 7;
            case PHONE -> 6;
            case ACCOUNT_NUMBER -> 5;
            case PERSON, PLACE, ORGANIZATION -> 4;
            case NUMBER -> 1;
        };
    }

    /** Keeps the highest-priority, then longest, candidate of every overlapping cluster. */
    static List<Entity> resolve(List<Entity> candidates) {
        List<Entity> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingInt((Entity e) -> -priority(e.type()))
                .thenComparingInt(e -> -(e.end() - e.start())).thenComparingInt(Entity::start));
        List<Entity> kept = new ArrayList<>();
        for (Entity e : sorted) {
            if (kept.stream().noneMatch(k -> k.overlaps(e.start(), e.end()))) kept.add(e);
        }
        kept.sort(Comparator.comparingInt(Entity::start));
        return kept;
    }

    private void written(String text, List<Entity> out) {
        Matcher m = EMAIL.matcher(text);
        while (m.find()) out.add(entity(EntityType.EMAIL, text, m.start(), m.end(), m.group().toLowerCase(Locale.ROOT)));
        m = ISO_DATE.matcher(text);
        while (m.find()) {
            String iso = isoDate(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            if (iso != null) out.add(entity(EntityType.DATE, text, m.start(), m.end(), iso));
        }
        m = SLASH_DATE.matcher(text);
        while (m.find()) {
            int y = Integer.parseInt(m.group(3));
            if (y < 100) y += 2000;
            // US contact centers: month first
            String iso = isoDate(y, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            if (iso != null) out.add(entity(EntityType.DATE, text, m.start(), m.end(), iso));
        }
        m = CLOCK.matcher(text);
        while (m.find()) {
            int h = Integer.parseInt(m.group(1)), min = Integer.parseInt(m.group(2));
            if (m.group(3) != null) h = meridiem(h, m.group(3).toLowerCase(Locale.ROOT).charAt(0));
            out.add(entity(EntityType.TIME, text, m.start(), m.end(), hhmm(h, min)));
        }
    }

    /** Number tokens whose parts overlap a written entity (e.g. "2025-03-04" merged as digits) are re-split. */
    private static List<Token> splitAroundWritten(List<Token> tokens, List<Entity> written, String text) {
        List<Token> out = new ArrayList<>();
        for (Token t : tokens) {
            boolean hit = written.stream().anyMatch(e -> e.overlaps(t.start(), t.end()));
            if (!hit || !t.number() || t.parts().size() < 2) {
                if (!hit || !t.number()) out.add(t);
                continue;
            }
            List<Token.Part> run = new ArrayList<>();
            for (Token.Part p : t.parts()) {
                if (written.stream().anyMatch(e -> e.overlaps(p.start(), p.end()))) {
                    flushParts(run, out);
                } else {
                    run.add(p);
                }
            }
            flushParts(run, out);
        }
        return out;
    }

    private static void flushParts(List<Token.Part> run, List<Token> out) {
        if (run.isEmpty()) return;
        StringBuilder sb = new StringBuilder();
        for (Token.Part p : run) sb.append(p.text());
        out.add(new Token(sb.toString(), run.get(0).start(), run.get(run.size() - 1).end(), true, List.of(), run));
        run.clear();
    }

    // ---------------------------------------------------------------- spoken e-mail

    private static boolean isConnector(String w) {
        return w.equals("dot") || w.equals("underscore") || w.equals("dash") || w.equals("hyphen");
    }

    private static String connectorChar(String w) {
        return switch (w) {
            case "dot" -> ".";
            case "underscore" -> "_";
            default -> "-";
        };
    }

    /** "john dot smith at example dot com": local part from the last word before "at", extended over connectors. */
    static void spokenEmails(String text, List<Token> tokens, List<Entity> out) {
        for (int k = 1; k < tokens.size() - 3; k++) {
            if (!tokens.get(k).text().equals("at") || isConnector(tokens.get(k - 1).text())) continue;
            // domain: word (dot word)+ ending in a known TLD
            int j = k + 1;
            StringBuilder domain = new StringBuilder(tokens.get(j).text());
            int end = -1;
            String lastTld = null;
            while (j + 2 < tokens.size()) {
                Token dot = tokens.get(j + 1), label = tokens.get(j + 2);
                if (!dot.text().equals("dot") || isConnector(label.text())) break;
                domain.append('.').append(label.text());
                j += 2;
                if (TLDS.contains(label.text())) {
                    end = j;
                    lastTld = domain.toString();
                }
            }
            if (end < 0) continue;
            // local part, backwards
            int i = k - 1;
            StringBuilder local = new StringBuilder(tokens.get(i).text());
            while (i - 2 >= 0) {
                Token conn = tokens.get(i - 1);
                if (isConnector(conn.text()) && !isConnector(tokens.get(i - 2).text())) {
                    local.insert(0, tokens.get(i - 2).text() + connectorChar(conn.text()));
                    i -= 2;
                    continue;
                }
                // written connector between tokens: "john.smith at gmail dot com"
                String gap = text.substring(tokens.get(i - 1).end(), tokens.get(i).start());
                if (gap.equals(".") || gap.equals("_") || gap.equals("-")) {
                    local.insert(0, tokens.get(i - 1).text() + gap);
                    i -= 1;
                    continue;
                }
                break;
            }
            int s = tokens.get(i).start(), e = tokens.get(end).end();
            out.add(new Entity(EntityType.EMAIL, text.substring(s, e), local + "@" + lastTld, s, e));
        }
    }

    // ---------------------------------------------------------------- dates

    private void dates(String text, List<Token> tokens, List<Entity> out) {
        LocalDate today = LocalDate.now(clock);
        for (int i = 0; i < tokens.size(); i++) {
            String w = tokens.get(i).text();
            // relative days
            if (w.equals("today") || w.equals("tonight")) {
                out.add(entity(EntityType.DATE, text, tokens.get(i).start(), tokens.get(i).end(), today.toString()));
                continue;
            }
            if (w.equals("yesterday")) {
                out.add(entity(EntityType.DATE, text, tokens.get(i).start(), tokens.get(i).end(), today.minusDays(1).toString()));
                continue;
            }
            if (w.equals("tomorrow")) {
                int s = tokens.get(i).start();
                LocalDate d = today.plusDays(1);
                if (i >= 3 && tokens.get(i - 1).text().equals("after") && tokens.get(i - 2).text().equals("day")
                        && tokens.get(i - 3).text().equals("the")) {
                    s = tokens.get(i - 3).start();
                    d = today.plusDays(2);
                }
                out.add(entity(EntityType.DATE, text, s, tokens.get(i).end(), d.toString()));
                continue;
            }
            DayOfWeek dow = weekday(w);
            if (dow != null) {
                int s = tokens.get(i).start();
                LocalDate d = today.plusDays(((dow.getValue() - today.getDayOfWeek().getValue()) + 7) % 7);
                if (i > 0 && tokens.get(i - 1).text().equals("next")) {
                    s = tokens.get(i - 1).start();
                    if (!d.isAfter(today)) d = d.plusWeeks(1);
                } else if (i > 0 && tokens.get(i - 1).text().equals("last")) {
                    s = tokens.get(i - 1).start();
                    d = d.minusWeeks(1);
                    if (!d.isBefore(today)) d = d.minusWeeks(1);
                }
                out.add(entity(EntityType.DATE, text, s, tokens.get(i).end(), d.toString()));
                continue;
            }
            Integer month = MONTHS.get(w);
            // "may" and "march" are also verbs: require a day right after (or "the Nth of May")
            if (month != null) {
                int j = i + 1;
                if (j < tokens.size() && tokens.get(j).text().equals("the")) j++;
                int[] day = day(tokens, j);
                if (day != null) {
                    int endIdx = day[1] - 1;
                    Integer year = year(tokens, day[1]);
                    if (year != null) endIdx = day[1] + (tokens.get(day[1]).text().equals("of") ? 1 : 0);
                    String iso = year != null ? isoDate(year, month, day[0]) : monthDay(month, day[0]);
                    if (iso != null) out.add(entity(EntityType.DATE, text, tokens.get(i).start(), tokens.get(endIdx).end(), iso));
                }
                continue;
            }
            // "the fourth of March", "4th of March"
            int j = i;
            if (w.equals("the")) j++;
            int[] day = day(tokens, j);
            if (day != null && day[2] == 1 && day[1] + 1 < tokens.size() && tokens.get(day[1]).text().equals("of")) {
                Integer m2 = MONTHS.get(tokens.get(day[1] + 1).text());
                if (m2 != null) {
                    String iso = monthDay(m2, day[0]);
                    if (iso != null) {
                        out.add(entity(EntityType.DATE, text, tokens.get(i).start(), tokens.get(day[1] + 1).end(), iso));
                    }
                }
            }
        }
    }

    /** Day at tokens[j]: returns {day, next index, isOrdinal} or null. */
    private static int[] day(List<Token> tokens, int j) {
        if (j >= tokens.size()) return null;
        Token t = tokens.get(j);
        OptionalInt ord = SpokenNumbers.ordinal(t.text());
        if (ord.isPresent() && ord.getAsInt() <= 31) {
            return new int[] {ord.getAsInt(), j + 1, 1};
        }
        if (t.number() && t.groups().size() == 1 && t.groups().get(0) >= 1 && t.groups().get(0) <= 31) {
            long v = t.groups().get(0);
            // "twenty" + "first"
            if ((v == 20 || v == 30) && j + 1 < tokens.size()) {
                OptionalInt o = SpokenNumbers.ordinal(tokens.get(j + 1).text());
                if (o.isPresent() && o.getAsInt() < 10 && v + o.getAsInt() <= 31) {
                    return new int[] {(int) v + o.getAsInt(), j + 2, 1};
                }
            }
            return new int[] {(int) v, j + 1, 0};
        }
        if (t.number() && t.text().matches("\\d{1,2}") && Integer.parseInt(t.text()) >= 1 && Integer.parseInt(t.text()) <= 31) {
            return new int[] {Integer.parseInt(t.text()), j + 1, 0};
        }
        return null;
    }

    private static Integer year(List<Token> tokens, int j) {
        if (j < tokens.size() && tokens.get(j).text().equals("of")) j++;
        if (j >= tokens.size() || !tokens.get(j).isDigitRun()) return null;
        String d = tokens.get(j).text();
        if (d.length() != 4) return null;
        int y = Integer.parseInt(d);
        return y >= 1900 && y <= 2100 ? y : null;
    }

    private static DayOfWeek weekday(String w) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT).equals(w)) return d;
        }
        return null;
    }

    private static String isoDate(int y, int m, int d) {
        try {
            return LocalDate.of(y, m, d).toString();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static String monthDay(int m, int d) {
        try {
            return MonthDay.of(m, d).toString();
        } catch (DateTimeException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- times

    private static void times(String text, List<Token> tokens, List<Entity> out) {
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.text().equals("noon") || t.text().equals("midday")) {
                out.add(entity(EntityType.TIME, text, t.start(), t.end(), "12:00"));
                continue;
            }
            if (t.text().equals("midnight")) {
                out.add(entity(EntityType.TIME, text, t.start(), t.end(), "00:00"));
                continue;
            }
            if (!t.number() || !t.isDigitRun()) continue;
            List<Long> g = t.groups();
            int h = -1, m = 0;
            int endIdx = i;
            if (t.spoken() && g.size() == 2 && g.get(0) >= 1 && g.get(0) <= 12 && g.get(1) >= 10 && g.get(1) <= 59) {
                h = g.get(0).intValue(); // "nine thirty"
                m = g.get(1).intValue();
            } else if (t.spoken() && g.size() == 3 && g.get(0) >= 1 && g.get(0) <= 12 && g.get(1) == 0 && g.get(2) <= 9) {
                h = g.get(0).intValue(); // "nine oh five"
                m = g.get(2).intValue();
            } else if (t.text().length() <= 2 && Integer.parseInt(t.text()) >= 1 && Integer.parseInt(t.text()) <= 12) {
                String next = i + 1 < tokens.size() ? tokens.get(i + 1).text() : "";
                String prev = i > 0 ? tokens.get(i - 1).text() : "";
                if (next.equals("o'clock") || next.equals("am") || next.equals("pm") || next.equals("a")
                        && i + 2 < tokens.size() && tokens.get(i + 2).text().equals("m") || next.equals("p")
                        && i + 2 < tokens.size() && tokens.get(i + 2).text().equals("m")) {
                    h = Integer.parseInt(t.text());
                } else if (prev.equals("at") || prev.equals("around") || prev.equals("by") || prev.equals("until")) {
                    h = Integer.parseInt(t.text());
                }
            }
            if (h < 0) continue;
            // meridiem
            if (i + 1 < tokens.size()) {
                String next = tokens.get(i + 1).text();
                if (next.equals("am") || next.equals("pm")) {
                    h = meridiem(h, next.charAt(0));
                    endIdx = i + 1;
                } else if ((next.equals("a") || next.equals("p")) && i + 2 < tokens.size() && tokens.get(i + 2).text().equals("m")) {
                    h = meridiem(h, next.charAt(0));
                    endIdx = i + 2;
                } else if (next.equals("o'clock")) {
                    endIdx = i + 1;
                } else if (next.equals("in") && i + 3 < tokens.size() && tokens.get(i + 2).text().equals("the")) {
                    String part = tokens.get(i + 3).text();
                    if (part.equals("afternoon") || part.equals("evening")) {
                        h = meridiem(h, 'p');
                        endIdx = i + 3;
                    } else if (part.equals("morning")) {
                        endIdx = i + 3;
                    }
                }
            }
            out.add(entity(EntityType.TIME, text, t.start(), tokens.get(endIdx).end(), hhmm(h, m)));
        }
    }

    private static int meridiem(int h, char ap) {
        if (ap == 'p' && h < 12) return h + 12;
        if (ap == 'a' && h == 12) return 0;
        return h;
    }

    private static String hhmm(int h, int m) {
        return String.format(Locale.ROOT, "%02d:%02d", h, m);
    }

    // ---------------------------------------------------------------- numbers, money, phones, cards, accounts

    private static void numbers(String text, List<Token> tokens, List<Entity> out) {
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (!t.number()) continue;
            String plain = t.text().replace(",", "");
            if (!plain.matches("\\d+(\\.\\d+)?")) continue;
            // money: symbol before, or currency word after
            char before = prevNonSpace(text, t.start());
            String currency = CURRENCY_SYMBOLS.get(before);
            int s = t.start(), e = t.end();
            if (currency != null) s = text.lastIndexOf(before, t.start());
            if (currency == null && i + 1 < tokens.size() && CURRENCY_WORDS.containsKey(tokens.get(i + 1).text())) {
                currency = CURRENCY_WORDS.get(tokens.get(i + 1).text());
                e = tokens.get(i + 1).end();
                // "and fifty cents"
                if (i + 4 < tokens.size() && tokens.get(i + 2).text().equals("and") && tokens.get(i + 3).isDigitRun()
                        && tokens.get(i + 4).text().startsWith("cent")) {
                    plain = plain + "." + String.format(Locale.ROOT, "%02d", Integer.parseInt(tokens.get(i + 3).text()) % 100);
                    e = tokens.get(i + 4).end();
                }
            }
            if (currency != null) {
                out.add(entity(EntityType.MONEY, text, s, e, new BigDecimal(plain).toPlainString() + " " + currency));
                continue;
            }
            if (!t.isDigitRun()) {
                out.add(entity(EntityType.NUMBER, text, t.start(), t.end(), plain));
                continue;
            }
            String digits = t.text();
            boolean plus = before == '+';
            EntityType type = classifyDigits(digits, context(tokens, i), plus, text.substring(t.start(), t.end()));
            int start = plus && type == EntityType.PHONE ? text.lastIndexOf('+', t.start()) : t.start();
            if (type == EntityType.PHONE && start > 0 && text.charAt(start - 1) == '('
                    && text.substring(start, t.end()).contains(")")) {
                start--; // "(555) 123-4567"
            }
            out.add(entity(type, text, start, t.end(), plus && type == EntityType.PHONE ? "+" + digits : digits));
        }
    }

    /** Context class of the five tokens before index i: "account", "phone" or "". */
    private static String context(List<Token> tokens, int i) {
        for (int j = i - 1; j >= Math.max(0, i - 5); j--) {
            String w = tokens.get(j).text();
            if (ACCOUNT_CONTEXT.contains(w)) return "account";
            if (PHONE_CONTEXT.contains(w)) return "phone";
        }
        return "";
    }

    static EntityType classifyDigits(String digits, String context, boolean plus, String surface) {
        int n = digits.length();
        if (Luhn.isCardNumber(digits)) return EntityType.CARD_NUMBER;
        if (context.equals("account") && n >= 4) return EntityType.ACCOUNT_NUMBER;
        if (context.equals("phone") && n >= 7 && n <= 15) return EntityType.PHONE;
        if (plus && n >= 8 && n <= 15) return EntityType.PHONE;
        if (n == 10 || (n == 11 && digits.startsWith("1"))) return EntityType.PHONE;
        if (n == 7 && surface.matches("\\d{3}[-. ]\\d{4}")) return EntityType.PHONE;
        if (n >= 6) return EntityType.ACCOUNT_NUMBER;
        return EntityType.NUMBER;
    }

    private static char prevNonSpace(String text, int pos) {
        int p = pos - 1;
        while (p >= 0 && text.charAt(p) == ' ') p--;
        return p >= 0 ? text.charAt(p) : '\0';
    }

    private static Entity entity(EntityType type, String text, int s, int e, String value) {
        return new Entity(type, text.substring(s, e), value, s, e);
    }
}
