package io.callsight.cli;

import io.callsight.nlp.rules.ComplianceResult;
import io.callsight.nlp.rules.KeywordRules;
import io.callsight.nlp.rules.MustNotSayRule;
import io.callsight.nlp.rules.MustSayRule;
import io.callsight.search.schema.ComplianceFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How far the compliance verdicts the job made on recognized speech agree with the same rules applied to what the
 * demo calls' scripts say: one check per call and rule (said or not, broken or not).
 */
final class ComplianceAgreement {
    /** A rule whose outcome on the recognized speech differs from the script's. */
    /** {@code recognized} is null when the call got no verdict at all. */
    record Disagreement(String callId, String rule, boolean script, Boolean recognized) {
        @Override
        public String toString() {
            return String.format("%s %s: script %s, recognized speech %s", callId, rule, script ? "yes" : "no",
                    recognized == null ? "no verdict" : recognized ? "yes" : "no");
        }
    }

    private int checks;
    private int agreed;
    private final List<Disagreement> disagreements = new ArrayList<>();

    /**
     * @param script  the rules evaluated over the script's lines
     * @param indexed the call's {@code compliance} object as indexed (null: no verdict, every check disagrees)
     */
    void add(String callId, KeywordRules rules, ComplianceResult script, Map<?, ?> indexed) {
        List<?> missed = indexed == null ? List.of() : (List<?>) indexed.get(ComplianceFields.MISSED);
        List<String> broken = new ArrayList<>();
        if (indexed != null) {
            for (Object v : (List<?>) indexed.get(ComplianceFields.VIOLATIONS)) {
                broken.add(String.valueOf(((Map<?, ?>) v).get(ComplianceFields.RULE)));
            }
        }
        for (MustSayRule r : rules.mustSay()) {
            boolean said = script.mustSay().stream().anyMatch(o -> o.rule().equals(r.name()) && o.satisfied());
            check(callId, "said " + r.name(), said, indexed == null ? null : !missed.contains(r.name()));
        }
        for (MustNotSayRule r : rules.mustNotSay()) {
            boolean brokeIt = script.violations().stream().anyMatch(v -> v.rule().equals(r.name()));
            check(callId, "broke " + r.name(), brokeIt, indexed == null ? null : broken.contains(r.name()));
        }
    }

    private void check(String callId, String rule, boolean script, Boolean recognized) {
        checks++;
        if (Objects.equals(script, recognized)) {
            agreed++;
        } else {
            disagreements.add(new Disagreement(callId, rule, script, recognized));
        }
    }

    int checks() {
        return checks;
    }

    int agreed() {
        return agreed;
    }

    List<Disagreement> disagreements() {
        return disagreements;
    }
}
