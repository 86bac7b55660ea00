package io.callsight.dialog.slots;

import io.callsight.nlp.entities.Entity;
import io.callsight.nlp.entities.EntityExtractor;
import io.callsight.nlp.entities.EntityType;
import io.callsight.nlp.text.Normalizer;
import io.callsight.nlp.text.Token;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A calendar date said ("March fourth nineteen eighty five", "the 4th of March 1985", "next Tuesday", "tomorrow",
 * "03/04/1985") or keyed as MMDDYYYY (month first, as the entity extractor reads written dates). Dates said
 * without a year get the next one to come, except in {@link DateRange#PAST} slots where the year is required.
 */
final class DateParser implements SlotParser {
    private static final DateTimeFormatter SPOKEN = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH);

    private final EntityExtractor entities;
    private final Normalizer normalizer = new Normalizer();
    private final Clock clock;

    DateParser(EntityExtractor entities, Clock clock) {
        this.entities = entities;
        this.clock = clock;
    }

    @Override
    public SlotResult fromSpeech(String text, SlotSpec spec) {
        for (Entity e : entities.extract(text)) {
            if (e.type() != EntityType.DATE) continue;
            if (!e.value().startsWith("--")) return checked(LocalDate.parse(e.value()), spec);
            MonthDay md = MonthDay.parse(e.value());
            Integer year = yearAfter(text.substring(e.end()));
            if (year != null) return checked(md.atYear(year), spec);
            if (spec.range() == DateRange.PAST) return SlotResult.invalid("no year given");
            return checked(nextOccurrence(md), spec);
        }
        return SlotResult.absent();
    }

    @Override
    public SlotResult fromKeys(String keys, SlotSpec spec) {
        if (!keys.matches("\\d{8}")) return SlotResult.invalid("expected MMDDYYYY, got " + keys.length() + " keys");
        try {
            return checked(LocalDate.of(Integer.parseInt(keys.substring(4)), Integer.parseInt(keys.substring(0, 2)),
                    Integer.parseInt(keys.substring(2, 4))), spec);
        } catch (DateTimeException e) {
            return SlotResult.invalid("no such date: " + keys);
        }
    }

    /** "the fourth of March, nineteen eighty five": the extractor stops at the month, the year follows. */
    private Integer yearAfter(String rest) {
        List<Token> tokens = normalizer.tokens(rest);
        int i = 0;
        if (i < tokens.size() && tokens.get(i).text().equals("of")) i++;
        if (i >= tokens.size() || !tokens.get(i).isDigitRun() || tokens.get(i).text().length() != 4) return null;
        int y = Integer.parseInt(tokens.get(i).text());
        return y >= 1900 && y <= 2100 ? y : null;
    }

    private LocalDate nextOccurrence(MonthDay md) {
        LocalDate today = LocalDate.now(clock);
        // February 29th only exists in leap years: atYear moves it to the 28th, which is close enough to re-confirm.
        LocalDate d = md.atYear(today.getYear());
        return d.isBefore(today) ? md.atYear(today.getYear() + 1) : d;
    }

    private SlotResult checked(LocalDate d, SlotSpec spec) {
        LocalDate today = LocalDate.now(clock);
        if (spec.range() == DateRange.PAST && d.isAfter(today)) return SlotResult.invalid(d + " is in the future");
        if (spec.range() == DateRange.FUTURE && d.isBefore(today)) return SlotResult.invalid(d + " is in the past");
        return SlotResult.filled(new SlotValue(SlotType.DATE, d.toString(), d.format(SPOKEN)));
    }
}
