package io.callsight.dialog.slots;

import io.callsight.nlp.entities.EntityExtractor;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/** Fills slots of every type; one per session, since relative dates ("tomorrow") depend on the session's clock. */
public final class SlotReader {
    private final Map<SlotType, SlotParser> parsers = new EnumMap<>(SlotType.class);

    public SlotReader(Clock clock) {
        EntityExtractor entities = new EntityExtractor(clock);
        parsers.put(SlotType.DIGITS, new DigitsParser());
        parsers.put(SlotType.NUMBER, new NumberParser());
        parsers.put(SlotType.YES_NO, new YesNoParser());
        parsers.put(SlotType.DATE, new DateParser(entities, clock));
        parsers.put(SlotType.TIME, new TimeParser(entities));
    }

    public SlotResult fromSpeech(SlotSpec spec, String text) {
        if (text == null || text.isBlank()) return SlotResult.absent();
        return parsers.get(spec.type()).fromSpeech(text, spec);
    }

    public SlotResult fromKeys(SlotSpec spec, String keys) {
        if (keys == null || keys.isEmpty()) return SlotResult.absent();
        return parsers.get(spec.type()).fromKeys(keys, spec);
    }
}
