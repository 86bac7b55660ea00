package io.callsight.jobs.speech;

import io.callsight.nlp.insights.TenantModels;
import io.callsight.nlp.rules.ComplianceResult;
import io.callsight.nlp.rules.KeywordHit;
import io.callsight.nlp.rules.KeywordRules;
import io.callsight.nlp.rules.TimedUtterance;
import io.callsight.search.schema.ComplianceFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished call against its tenant's must-say / must-not-say rules, as indexed with the call: what a QA
 * scorecard filters on ("calls without the recording disclosure this week"). A Flink POJO: it is kept in the
 * call's state.
 */
public class CallCompliance {

    public String state;
    public int rules;
    public List<String> missed = new ArrayList<>();
    public List<Mark> met = new ArrayList<>();
    public List<Mark> violations = new ArrayList<>();

    /** Where a rule was met or broken: the track, ms from call start, the rule's phrase and what was heard. */
    public static class Mark {
        public String rule;
        public String track;
        public long atMs;
        public String phrase;
        public String heard;

        public Mark() {
        }

        static Mark of(String rule, SpokenLine line, KeywordHit hit) {
            Mark m = new Mark();
            m.rule = rule;
            m.track = line.track;
            m.atMs = line.startMs;
            m.phrase = hit.keyword();
            m.heard = hit.matchedText();
            return m;
        }

        Map<String, Object> toSource() {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put(ComplianceFields.RULE, rule);
            s.put(ComplianceFields.TRACK, track);
            s.put(ComplianceFields.AT_MS, atMs);
            s.put(ComplianceFields.PHRASE, phrase);
            s.put(ComplianceFields.HEARD, heard);
            return s;
        }
    }

    public CallCompliance() {
    }

    /** The call's lines against the tenant's rules; null when the tenant has no must-say or must-not-say rule. */
    public static CallCompliance evaluate(TenantModels tenant, List<SpokenLine> linesInCallOrder) {
        KeywordRules rules = tenant.rules();
        if (rules == null || rules.mustSay().isEmpty() && rules.mustNotSay().isEmpty()) {
            return null;
        }
        List<TimedUtterance> timed = linesInCallOrder.stream().map(SpokenLine::timed).toList();
        return of(tenant.compliance().evaluate(timed), linesInCallOrder, rules.mustNotSay().size());
    }

    /**
     * @param lines the call's utterances in the order {@code result} was evaluated over (its utterance indices
     *              point into this list)
     * @param mustNotSayRules how many must-not-say rules were checked (the result lists only the broken ones)
     */
    public static CallCompliance of(ComplianceResult result, List<SpokenLine> lines, int mustNotSayRules) {
        CallCompliance c = new CallCompliance();
        c.rules = result.mustSay().size() + mustNotSayRules;
        for (ComplianceResult.MustSayOutcome o : result.mustSay()) {
            if (o.satisfied()) {
                c.met.add(Mark.of(o.rule(), lines.get(o.utteranceIndex()), o.hit()));
            } else {
                c.missed.add(o.rule());
            }
        }
        for (ComplianceResult.Violation v : result.violations()) {
            c.violations.add(Mark.of(v.rule(), lines.get(v.utteranceIndex()), v.hit()));
        }
        c.state = result.compliant() ? ComplianceFields.COMPLIANT : ComplianceFields.NON_COMPLIANT;
        return c;
    }

    Map<String, Object> toSource() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put(ComplianceFields.STATE, state);
        s.put(ComplianceFields.RULES, rules);
        s.put(ComplianceFields.MISSED, missed);
        s.put(ComplianceFields.MET, met.stream().map(Mark::toSource).toList());
        s.put(ComplianceFields.VIOLATIONS, violations.stream().map(Mark::toSource).toList());
        return s;
    }
}
