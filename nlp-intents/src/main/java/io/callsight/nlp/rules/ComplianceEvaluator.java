package io.callsight.nlp.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates must-say / must-not-say rules over a call's utterances. Must-say phrases match as tolerantly as
 * keywords (an agent's "thank you for col in" still counts as the greeting); must-not-say phrases only by their
 * words or their exact sounds ({@link PhraseMatcher#sameSound}), since a false hit accuses an agent.
 */
public final class ComplianceEvaluator {
    private final KeywordRules rules;
    private final List<PhraseMatcher> mustSay = new ArrayList<>(), mustNotSay = new ArrayList<>();

    public ComplianceEvaluator(KeywordRules rules) {
        this.rules = rules;
        for (MustSayRule r : rules.mustSay()) mustSay.add(new PhraseMatcher(phrases(r.name(), r.phrases())));
        // a violation accuses an agent: only the phrase's own sounds count, not similar ones
        for (MustNotSayRule r : rules.mustNotSay()) mustNotSay.add(PhraseMatcher.sameSound(phrases(r.name(), r.phrases())));
    }

    private static List<PhraseMatcher.Phrase> phrases(String name, List<Keyword> phrases) {
        return phrases.stream().map(k -> new PhraseMatcher.Phrase(name, k.text())).toList();
    }

    /** @param utterances in any order; must-say picks the earliest qualifying utterance */
    public ComplianceResult evaluate(List<TimedUtterance> utterances) {
        List<ComplianceResult.MustSayOutcome> outcomes = new ArrayList<>();
        for (int r = 0; r < rules.mustSay().size(); r++) {
            MustSayRule rule = rules.mustSay().get(r);
            ComplianceResult.MustSayOutcome best = null;
            for (int i = 0; i < utterances.size(); i++) {
                TimedUtterance u = utterances.get(i);
                if (rule.track() != null && u.track() != rule.track()) continue;
                if (rule.withinFirstMs() != null && u.startMs() > rule.withinFirstMs()) continue;
                if (best != null && best.atMs() <= u.startMs()) continue;
                List<KeywordHit> hits = mustSay.get(r).find(u.text());
                if (!hits.isEmpty()) best = new ComplianceResult.MustSayOutcome(rule.name(), true, hits.get(0), i, u.startMs());
            }
            outcomes.add(best != null ? best : new ComplianceResult.MustSayOutcome(rule.name(), false, null, null, null));
        }
        List<ComplianceResult.Violation> violations = new ArrayList<>();
        for (int r = 0; r < rules.mustNotSay().size(); r++) {
            MustNotSayRule rule = rules.mustNotSay().get(r);
            for (int i = 0; i < utterances.size(); i++) {
                TimedUtterance u = utterances.get(i);
                if (rule.track() != null && u.track() != rule.track()) continue;
                for (KeywordHit h : mustNotSay.get(r).find(u.text())) {
                    violations.add(new ComplianceResult.Violation(rule.name(), i, u.startMs(), h));
                }
            }
        }
        return new ComplianceResult(outcomes, violations);
    }
}
