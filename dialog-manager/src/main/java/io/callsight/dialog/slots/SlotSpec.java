package io.callsight.dialog.slots;

import java.math.BigDecimal;
import java.time.LocalTime;

/**
 * A slot a flow state fills, with the constraints of its type (null when not set):
 * {@code length} or {@code minLength..maxLength} for digits, {@code min..max} for numbers, {@code range} for dates,
 * {@code earliest..latest} for times. {@code sensitive} slots (PINs) are masked in the session record.
 */
public record SlotSpec(String name, SlotType type, Integer length, Integer minLength, Integer maxLength,
                       BigDecimal min, BigDecimal max, DateRange range, LocalTime earliest, LocalTime latest,
                       boolean sensitive, int line) {

    public static SlotSpec of(String name, SlotType type) {
        return new SlotSpec(name, type, null, null, null, null, null, DateRange.ANY, null, null, false, 0);
    }

    public SlotSpec withLength(int digits) {
        return new SlotSpec(name, type, digits, minLength, maxLength, min, max, range, earliest, latest, sensitive, line);
    }

    public SlotSpec withRange(DateRange r) {
        return new SlotSpec(name, type, length, minLength, maxLength, min, max, r, earliest, latest, sensitive, line);
    }

    public SlotSpec withBounds(BigDecimal lo, BigDecimal hi) {
        return new SlotSpec(name, type, length, minLength, maxLength, lo, hi, range, earliest, latest, sensitive, line);
    }

    public SlotSpec withWindow(LocalTime from, LocalTime to) {
        return new SlotSpec(name, type, length, minLength, maxLength, min, max, range, from, to, sensitive, line);
    }

    /** The most key presses the slot can take, so DTMF entry ends by itself without '#'; 0 if unbounded. */
    public int maxKeys() {
        if (length != null) return length;
        if (maxLength != null) return maxLength;
        return switch (type) {
            case YES_NO -> 1;
            case TIME -> 4;
            case DATE -> 8;
            default -> 0;
        };
    }
}
