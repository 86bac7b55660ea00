package io.callsight.jobs.speech;

import io.callsight.events.Track;

/** What transcribing one track produced, reported once the track ends (or is abandoned as idle). */
public record TrackSummary(String tenant, String callId, Track track, int utterances, int words, long audioMs,
        boolean completed) {
}
