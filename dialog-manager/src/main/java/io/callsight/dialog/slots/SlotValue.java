package io.callsight.dialog.slots;

/**
 * A filled slot. {@code value} is canonical (digits "4567", ISO date "1985-03-04", "15:30", "yes"/"no", a plain
 * decimal); {@code spoken} is how the bot reads it back: digits one by one, because "4567" would be synthesized as
 * "four thousand five hundred sixty seven" and the caller could not check it.
 */
public record SlotValue(SlotType type, String value, String spoken) {
    public static final SlotValue YES = new SlotValue(SlotType.YES_NO, "yes", "yes");
    public static final SlotValue NO = new SlotValue(SlotType.YES_NO, "no", "no");

    public boolean isYes() {
        return type == SlotType.YES_NO && value.equals("yes");
    }
}
