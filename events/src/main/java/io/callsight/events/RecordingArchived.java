package io.callsight.events;

/**
 * On {@link Topics#RECORDINGS}: a call's recording is in the archive: how long it is, how big sealed, and how long after the call's ENDED event
 * reached the job it was durable ({@code sinceEndedMs}).
 */
public record RecordingArchived(String tenant, String callId, long durationMs, long sealedBytes, boolean allTracksEnded,
        long sinceEndedMs) {
}
