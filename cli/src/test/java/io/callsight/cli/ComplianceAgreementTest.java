package io.callsight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.callsight.events.Track;
import io.callsight.nlp.rules.ComplianceEvaluator;
import io.callsight.nlp.rules.KeywordRules;
import io.callsight.nlp.rules.KeywordRulesFile;
import io.callsight.nlp.rules.TimedUtterance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComplianceAgreementTest {
    private static final KeywordRules RULES = KeywordRulesFile.parse("rules.yaml", """
            tenant: acme
            must_say:
              - name: disclosure
                phrases: [this call may be recorded]
              - name: company_name
                phrases: [acme bank]
            must_not_say:
              - name: guarantees
                phrases: [i guarantee]
            """).rules();

    @Test
    void countsOneCheckPerRuleAndListsWhereRecognitionChangedTheOutcome() {
        var script = new ComplianceEvaluator(RULES).evaluate(List.of(
                new TimedUtterance(Track.AGENT, 0, "thank you for calling acme bank this call may be recorded")));
        ComplianceAgreement a = new ComplianceAgreement();
        // recognized "at me bank": the company name was missed; nothing was broken
        a.add("c1", RULES, script, Map.of("missed", List.of("company_name"), "violations", List.of()));
        a.add("c2", RULES, script, null); // no verdict indexed at all
        assertEquals(6, a.checks());
        assertEquals(2, a.agreed()); // c1: disclosure and guarantees; c2: nothing, a missing verdict agrees with nothing
        assertEquals("c1 said company_name: script yes, recognized speech no", a.disagreements().get(0).toString());
        assertEquals("c2 broke guarantees: script no, recognized speech no verdict", a.disagreements().get(3).toString());
        assertEquals(4, a.disagreements().size());
    }
}
