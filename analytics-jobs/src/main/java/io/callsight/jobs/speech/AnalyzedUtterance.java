package io.callsight.jobs.speech;

import io.callsight.events.Insight;
import io.callsight.events.Utterance;
import java.io.Serializable;

/**
 * An utterance after NLU: {@code utterance} is already redacted (safe to index and publish); {@code insight} is
 * null when the analysis failed and the utterance went to the dead letters, and for partials, which are only
 * redacted.
 */
public record AnalyzedUtterance(Utterance utterance, Insight insight) implements Serializable {

    /** Whether this is a final utterance: only finals are indexed, counted and judged. */
    public boolean isFinal() {
        return utterance.isFinal();
    }
}
