package io.callsight.nlp.rules;

import java.util.List;

/** Outcome of a call's compliance rules. A call is compliant when every must-say is met and nothing forbidden was said. */
public record ComplianceResult(List<MustSayOutcome> mustSay, List<Violation> violations) {
    public ComplianceResult {
        mustSay = List.copyOf(mustSay);
        violations = List.copyOf(violations);
    }

    /** {@code hit}/{@code utteranceIndex}/{@code atMs} are null when the phrase was never said in time. */
    public record MustSayOutcome(String rule, boolean satisfied, KeywordHit hit, Integer utteranceIndex, Long atMs) {}

    public record Violation(String rule, int utteranceIndex, long atMs, KeywordHit hit) {}

    public boolean compliant() {
        return violations.isEmpty() && mustSay.stream().allMatch(MustSayOutcome::satisfied);
    }

    public List<String> missed() {
        return mustSay.stream().filter(o -> !o.satisfied()).map(MustSayOutcome::rule).toList();
    }
}
