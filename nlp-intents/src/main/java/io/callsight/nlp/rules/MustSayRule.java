package io.callsight.nlp.rules;

import io.callsight.events.Track;

import java.util.List;

/**
 * A phrase the given track must say (any one of {@code phrases}), optionally within the first
 * {@code withinFirstMs} of the call (null: anytime). {@code track} null means either party.
 */
public record MustSayRule(String name, int line, List<Keyword> phrases, Track track, Long withinFirstMs) {
    public MustSayRule {
        phrases = List.copyOf(phrases);
    }
}
