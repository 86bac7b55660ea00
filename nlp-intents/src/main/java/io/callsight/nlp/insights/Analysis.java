package io.callsight.nlp.insights;

import io.callsight.events.Insight;
import io.callsight.nlp.redaction.Redaction;

/** The analyzer's answer for one utterance: the insight to publish and the redaction to apply to the transcript. */
public record Analysis(Insight insight, Redaction redaction) {
}
