package io.callsight.nlp.insights;

import io.callsight.nlp.redaction.Redactor;
import io.callsight.nlp.rules.ComplianceEvaluator;
import io.callsight.nlp.rules.KeywordRules;
import io.callsight.nlp.rules.PhraseMatcher;
import io.callsight.nlp.rules.VocabularyCorrector;
import io.callsight.nlp.text.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything the analyzer needs for one tenant, loaded once and then swapped as a whole when a pointer or a
 * config file changes, so an utterance never sees half of an update.
 *
 * @param intents             current intent model, null when the tenant has none (then every utterance is "no intent")
 * @param intentCandidate     the grayscale candidate, null without one
 * @param candidateShare      share of calls routed to the candidate
 * @param sentiment           the tenant's own sentiment model, null to use {@code sharedSentiment}
 * @param sentimentCandidate  grayscale candidate of the tenant's sentiment model
 * @param sharedSentiment     default sentiment models by language (from {@code <models>/_shared/sentiment-<lang>/})
 * @param corrector           null without a vocabulary
 * @param rules               null without a rules file
 */
public record TenantModels(
        String tenant,
        LoadedModel intents,
        LoadedModel intentCandidate,
        double candidateShare,
        LoadedModel sentiment,
        LoadedModel sentimentCandidate,
        double sentimentCandidateShare,
        Map<Language, LoadedModel> sharedSentiment,
        TenantSettings settings,
        Redactor redactor,
        VocabularyCorrector corrector,
        KeywordRules rules,
        PhraseMatcher keywords,
        ComplianceEvaluator compliance) {

    /** Intent model for this call: the candidate for the routed share of calls, else current (null: none). */
    public LoadedModel intentsFor(String callId) {
        return intentCandidate != null && TrafficSplit.toCandidate(callId, candidateShare) ? intentCandidate : intents;
    }

    public boolean candidateFor(String callId) {
        return intentCandidate != null && TrafficSplit.toCandidate(callId, candidateShare);
    }

    /** Sentiment model for this call and language: the tenant's (or its candidate), else the shared one, else null. */
    public LoadedModel sentimentFor(String callId, Language language) {
        if (sentiment != null) {
            return sentimentCandidate != null && TrafficSplit.toCandidate(callId, sentimentCandidateShare)
                    ? sentimentCandidate : sentiment;
        }
        Language lang = language == Language.MIXED ? Language.ZH : language == Language.ZH ? Language.ZH : Language.EN;
        return sharedSentiment.get(lang);
    }

    /** Every model this snapshot holds, so the registry can tell which cached versions are still in use. */
    List<LoadedModel> models() {
        List<LoadedModel> all = new ArrayList<>();
        for (LoadedModel m : new LoadedModel[] {intents, intentCandidate, sentiment, sentimentCandidate}) {
            if (m != null) {
                all.add(m);
            }
        }
        all.addAll(sharedSentiment.values());
        return all;
    }
}
