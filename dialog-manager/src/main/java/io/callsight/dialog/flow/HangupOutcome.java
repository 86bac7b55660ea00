package io.callsight.dialog.flow;

import java.util.Locale;
import java.util.Optional;

/** How a flow ends a call it hangs up: the task done, or not done (identity not verified, caller declined). */
public enum HangupOutcome {
    COMPLETED, FAILED;

    public static Optional<HangupOutcome> fromName(String name) {
        if (name == null) return Optional.empty();
        for (HangupOutcome o : values()) {
            if (o.name().equals(name.trim().toUpperCase(Locale.ROOT))) return Optional.of(o);
        }
        return Optional.empty();
    }
}
