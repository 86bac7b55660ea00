package io.callsight.nlp.rules;

import io.callsight.events.Track;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ComplianceEvaluatorTest {
    static Path resource(String name) {
        try {
            return Path.of(ComplianceEvaluatorTest.class.getResource("/rules/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeywordRules acme() throws IOException {
        KeywordRulesFile.Result r = KeywordRulesFile.load(resource("acme-telecom.rules.yml"));
        assertEquals(List.of(), r.errors());
        return r.rules();
    }

    @Test
    void parsesRules() throws IOException {
        KeywordRules rules = acme();
        assertEquals(List.of("emotions", "reasons", "products", "competitors"), List.copyOf(rules.keywordGroups().keySet()));
        MustSayRule greeting = rules.mustSay().get(0);
        assertEquals("greeting", greeting.name());
        assertEquals(Track.AGENT, greeting.track());
        assertEquals(30000L, greeting.withinFirstMs());
        assertEquals(10, greeting.phrases().get(0).line());
        assertNull(rules.mustNotSay().get(1).track());
    }

    @Test
    void reportsEveryRuleProblemWithLine() throws IOException {
        Path p = resource("invalid.rules.yml");
        List<String> msgs = KeywordRulesFile.load(p).errors().stream().map(e -> e.toString().replace(p.toString(), "invalid.rules.yml")).toList();
        assertEquals(List.of(
                "invalid.rules.yml:3: duplicate phrase 'Angry!' in keyword group 'emotions' (same as line 3)",
                "invalid.rules.yml:4: keyword group 'reasons' has no phrases",
                "invalid.rules.yml:8: unknown track 'SUPERVISOR' (AGENT, CUSTOMER, BOT or ANY)",
                "invalid.rules.yml:9: within_first_ms must be a whole number of milliseconds, was 'soon'",
                "invalid.rules.yml:10: rule is missing 'name'",
                "invalid.rules.yml:11: duplicate rule name 'greeting' (first at line 6)",
                "invalid.rules.yml:13: unknown key 'within' in a must_say rule (expected one of name, phrases, track, within_first_ms)",
                "invalid.rules.yml:15: rule 'guarantees' has no 'phrases'"), msgs);
        assertNull(KeywordRulesFile.load(p).rules());
        assertEquals("x.yml:2: invalid YAML: ", KeywordRulesFile.parse("x.yml", "tenant: a\n  - b: [\n").errors().get(0).toString().substring(0, 23));
    }

    @Test
    void keywordSpottingAcrossGroups() throws IOException {
        List<KeywordHit> hits = acme().keywordMatcher().find("this is ridiculous I want to cancel my contract and go to very zon");
        assertEquals(List.of("emotions", "reasons", "competitors"), hits.stream().map(KeywordHit::group).toList());
        assertEquals(MatchKind.PHONETIC, hits.get(2).kind());
    }

    @Test
    void compliantCall() throws IOException {
        ComplianceResult r = new ComplianceEvaluator(acme()).evaluate(List.of(
                new TimedUtterance(Track.AGENT, 1200, "Thank you for coling Nova Telecom, this call may be recorded."),
                new TimedUtterance(Track.CUSTOMER, 5000, "I guarantee I'm angry"),
                new TimedUtterance(Track.AGENT, 9000, "I understand.")));
        assertTrue(r.compliant(), r.toString());
        assertEquals(MatchKind.PHONETIC, r.mustSay().get(0).hit().kind());
        assertEquals(0, r.mustSay().get(0).utteranceIndex());
    }

    @Test
    void lateGreetingWrongTrackAndForbiddenPhrases() throws IOException {
        ComplianceResult r = new ComplianceEvaluator(acme()).evaluate(List.of(
                new TimedUtterance(Track.CUSTOMER, 0, "thank you for calling me back"),
                new TimedUtterance(Track.AGENT, 45000, "thank you for calling, this call may be recorded"),
                new TimedUtterance(Track.AGENT, 60000, "I guarantee it will be fixed, damn"),
                new TimedUtterance(Track.CUSTOMER, 61000, "damn right")));
        assertFalse(r.compliant());
        assertEquals(List.of("greeting"), r.missed());
        assertTrue(r.mustSay().get(1).satisfied());
        assertEquals(List.of("guarantees", "profanity", "profanity"), r.violations().stream().map(ComplianceResult.Violation::rule).toList());
        assertEquals(60000, r.violations().get(0).atMs());
        assertEquals(3, r.violations().get(2).utteranceIndex());
    }

    @Test
    void chineseRules() throws IOException {
        KeywordRulesFile.Result res = KeywordRulesFile.load(resource("huaxia.rules.yml"));
        assertEquals(List.of(), res.errors());
        ComplianceResult r = new ComplianceEvaluator(res.rules()).evaluate(List.of(
                new TimedUtterance(Track.AGENT, 500, "您好，华夏银行"),
                new TimedUtterance(Track.CUSTOMER, 3000, "我要投诉，信用咖被盗刷了")));
        assertTrue(r.compliant());
        List<KeywordHit> hits = res.rules().keywordMatcher().find("我要投诉，信用咖被盗刷了");
        assertEquals(List.of("投诉", "信用卡"), hits.stream().map(KeywordHit::keyword).toList());
    }
}
