package io.callsight.nlp.rules;

import io.callsight.events.Track;

import java.util.List;

/** Phrases the given track (null: anyone) must never say. */
public record MustNotSayRule(String name, int line, List<Keyword> phrases, Track track) {
    public MustNotSayRule {
        phrases = List.copyOf(phrases);
    }
}
