package io.callsight.jobs.speech;

import io.callsight.events.CallEvent;

/** Either a call lifecycle event or a finished track: the two inputs a call document is built from. */
public record CallUpdate(CallEvent event, TrackSummary track) {

    public static CallUpdate of(CallEvent event) {
        return new CallUpdate(event, null);
    }

    public static CallUpdate of(TrackSummary track) {
        return new CallUpdate(null, track);
    }

    public String callId() {
        return event != null ? event.callId() : track.callId();
    }
}
