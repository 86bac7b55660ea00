package io.callsight.dialog.slots;

import io.callsight.nlp.entities.Entity;
import io.callsight.nlp.entities.EntityExtractor;
import io.callsight.nlp.entities.EntityType;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A time of day ("three thirty pm", "at 10", "noon", "14:30") or keyed as HHMM, optionally inside a window
 * (earliest..latest, e.g. office hours).
 */
final class TimeParser implements SlotParser {
    private static final DateTimeFormatter SPOKEN = DateTimeFormatter.ofPattern("h:mm a", Locale.ENGLISH);
    private static final Pattern MERIDIEM = Pattern.compile("(?i)\\b(?:[ap]\\.?\\s?m\\b|morning|afternoon|evening)");

    private final EntityExtractor entities;

    TimeParser(EntityExtractor entities) {
        this.entities = entities;
    }

    @Override
    public SlotResult fromSpeech(String text, SlotSpec spec) {
        for (Entity e : entities.extract(text)) {
            if (e.type() != EntityType.TIME) continue;
            LocalTime t = LocalTime.parse(e.value());
            boolean saidMeridiem = MERIDIEM.matcher(e.text()).find() || e.value().compareTo("12:00") >= 0;
            // "at three" for an appointment means 3 pm: without am/pm take the reading that falls inside the window.
            if (!saidMeridiem && t.getHour() < 12 && !inWindow(t, spec) && inWindow(t.plusHours(12), spec)) {
                t = t.plusHours(12);
            }
            return checked(t, spec);
        }
        return SlotResult.absent();
    }

    @Override
    public SlotResult fromKeys(String keys, SlotSpec spec) {
        if (!keys.matches("\\d{4}")) return SlotResult.invalid("expected HHMM, got " + keys.length() + " keys");
        try {
            return checked(LocalTime.of(Integer.parseInt(keys.substring(0, 2)), Integer.parseInt(keys.substring(2))), spec);
        } catch (DateTimeException e) {
            return SlotResult.invalid("no such time: " + keys);
        }
    }

    private static boolean inWindow(LocalTime t, SlotSpec spec) {
        return (spec.earliest() == null || !t.isBefore(spec.earliest())) && (spec.latest() == null || !t.isAfter(spec.latest()));
    }

    private static SlotResult checked(LocalTime t, SlotSpec spec) {
        if (!inWindow(t, spec)) {
            return SlotResult.invalid(t + " is outside " + spec.earliest() + "–" + spec.latest());
        }
        return SlotResult.filled(new SlotValue(SlotType.TIME, t.toString(), t.format(SPOKEN)));
    }
}
