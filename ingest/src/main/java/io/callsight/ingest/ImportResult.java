package io.callsight.ingest;

import java.nio.file.Path;
import java.util.List;

/** Outcome of importing one file: published (with its call id) or failed (with the reason). */
public record ImportResult(Path file, String callId, String tenant, long durationMs, int frames,
        List<String> warnings, String error) {

    public boolean ok() {
        return error == null;
    }

    /** One line for the user: the file first, then what happened. */
    public String describe() {
        if (!ok()) {
            return "FAILED   " + file + ": " + error;
        }
        String line = String.format("imported %s: call %s tenant %s, %.1f s, %d frames", file, callId, tenant,
                durationMs / 1000.0, frames);
        return warnings.isEmpty() ? line : line + " (warning: " + String.join("; ", warnings) + ")";
    }
}
