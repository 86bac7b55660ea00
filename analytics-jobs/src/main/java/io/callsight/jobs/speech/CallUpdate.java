package io.callsight.jobs.speech;

import io.callsight.events.CallEvent;
import io.callsight.events.Insight;
import io.callsight.events.Utterance;

/**
 * One of the inputs a call document is built from: a call lifecycle event, a finished track, or an analyzed
 * (redacted) utterance for the finished call's compliance check and sentiment summary. Exactly one is set.
 */
public record CallUpdate(CallEvent event, TrackSummary track, Utterance utterance, Double sentiment) {

    public static CallUpdate of(CallEvent event) {
        return new CallUpdate(event, null, null, null);
    }

    public static CallUpdate of(TrackSummary track) {
        return new CallUpdate(null, track, null, null);
    }

    /** Only redacted utterances belong here (those out of {@link AnalyzeUtterances}), with their sentiment score. */
    public static CallUpdate of(AnalyzedUtterance analyzed) {
        Insight i = analyzed.insight();
        return new CallUpdate(null, null, analyzed.utterance(), i != null && i.sentiment() != null ? i.sentiment().score() : null);
    }

    public String callId() {
        return event != null ? event.callId() : track != null ? track.callId() : utterance.callId();
    }
}
