package io.callsight.archive;

import java.time.Instant;

/** A recording as listed by its store: which, how big (sealed), when it was archived. */
public record StoredRecording(RecordingKey key, long sizeBytes, Instant archivedAt) {
}
