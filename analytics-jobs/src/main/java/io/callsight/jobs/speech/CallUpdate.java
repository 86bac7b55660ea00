package io.callsight.jobs.speech;

import io.callsight.events.CallEvent;
import io.callsight.events.Utterance;

/**
 * One of the inputs a call document is built from: a call lifecycle event, a finished track, or an analyzed
 * (redacted) utterance for the call's compliance check. Exactly one is set.
 */
public record CallUpdate(CallEvent event, TrackSummary track, Utterance utterance) {

    public static CallUpdate of(CallEvent event) {
        return new CallUpdate(event, null, null);
    }

    public static CallUpdate of(TrackSummary track) {
        return new CallUpdate(null, track, null);
    }

    /** Only redacted utterances belong here (those out of {@link AnalyzeUtterances}). */
    public static CallUpdate of(AnalyzedUtterance analyzed) {
        return new CallUpdate(null, null, analyzed.utterance());
    }

    public String callId() {
        return event != null ? event.callId() : track != null ? track.callId() : utterance.callId();
    }
}
