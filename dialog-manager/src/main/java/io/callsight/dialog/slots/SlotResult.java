package io.callsight.dialog.slots;

/**
 * What reading a slot from one caller turn gave: a value, a value that breaks the slot's constraints
 * ({@code problem} says which), or nothing of the slot's type at all. The dialog keeps the last two apart because
 * only the third can be a question the bot failed to understand; the second is a caller who answered wrongly.
 */
public record SlotResult(SlotValue value, String problem) {
    private static final SlotResult ABSENT = new SlotResult(null, null);

    public static SlotResult filled(SlotValue value) {
        return new SlotResult(value, null);
    }

    public static SlotResult invalid(String problem) {
        return new SlotResult(null, problem);
    }

    public static SlotResult absent() {
        return ABSENT;
    }

    public boolean isFilled() {
        return value != null;
    }

    public boolean isInvalid() {
        return problem != null;
    }
}
