package io.callsight.dialog.registry;

import io.callsight.config.ValidationError;
import java.util.List;

/**
 * What one reload pass did. {@code rejected} files kept their last good version (if they had one) and
 * {@code errors} say why; {@code removed} flows are no longer offered to new calls.
 */
public record ReloadReport(List<String> loaded, List<String> rejected, List<String> removed, List<ValidationError> errors) {
    public ReloadReport {
        loaded = List.copyOf(loaded);
        rejected = List.copyOf(rejected);
        removed = List.copyOf(removed);
        errors = List.copyOf(errors);
    }

    public boolean changedAnything() {
        return !loaded.isEmpty() || !removed.isEmpty();
    }
}
