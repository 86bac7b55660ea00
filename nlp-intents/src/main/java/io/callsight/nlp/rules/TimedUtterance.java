package io.callsight.nlp.rules;

import io.callsight.events.Track;
import io.callsight.events.Utterance;

/** The part of an utterance compliance needs: who spoke, when (ms from call start), and what. */
public record TimedUtterance(Track track, long startMs, String text) {
    public static TimedUtterance of(Utterance u) {
        return new TimedUtterance(u.track(), u.startMs(), u.text());
    }
}
