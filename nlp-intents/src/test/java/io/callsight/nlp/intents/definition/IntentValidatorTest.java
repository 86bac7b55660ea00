package io.callsight.nlp.intents.definition;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class IntentValidatorTest {
    private final IntentValidator validator = new IntentValidator();

    static Path resource(String name) {
        try {
            return Path.of(IntentValidatorTest.class.getResource("/intents/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> messages(String file) throws IOException {
        Path p = resource(file);
        return validator.validateFile(p).stream().map(e -> e.toString().replace(p.toString(), file)).toList();
    }

    @Test
    void validTenantFilesHaveNoErrors() throws IOException {
        assertEquals(List.of(), messages("acme-telecom.en.yml"));
        assertEquals(List.of(), messages("huaxia-bank.zh.yml"));
        assertEquals(List.of(), messages("acme-telecom.csv"));
    }

    @Test
    void parsesIntentsWithLines() throws IOException {
        LoadResult r = IntentFiles.load(resource("acme-telecom.en.yml"));
        TenantIntents t = r.intents();
        assertEquals("acme-telecom", t.tenant());
        assertEquals(3, t.intents().size());
        IntentDefinition lost = t.intent("report_lost_card").orElseThrow();
        assertEquals(13, lost.line());
        assertEquals(15, lost.examples().get(0).line());
        assertEquals(List.of("card_number", "date"), lost.entities().stream().map(SlotRef::type).toList());
        assertTrue(lost.answer().startsWith("I've blocked"));
        assertEquals(2, t.outOfScope().size());
        assertEquals(17, TrainingExample.from(t).size());
    }

    @Test
    void reportsEveryProblemWithFileAndLine() throws IOException {
        List<String> msgs = messages("invalid.en.yml");
        List<String> expected = List.of(
                "invalid.en.yml:2: unsupported language 'fr' (en or zh)",
                "invalid.en.yml:4: intent 'check_balance' has 3 examples; at least 5 are needed",
                "invalid.en.yml:8: duplicate example \"what's my balance?\" in intent 'check_balance' (same as line 6)",
                "invalid.en.yml:9: intent is missing 'name'",
                "invalid.en.yml:15: unknown entity type 'shoe_size' in intent at line 9 (known: number, money, date, time, phone, account_number, card_number, email, person, place, organization)",
                "invalid.en.yml:18: example \"What's my balance\" in intent 'billing' duplicates \"what's my balance\" in intent 'check_balance' (line 6)",
                "invalid.en.yml:23: unknown key 'colour' in an intent (expected one of answer, entities, examples, name, slots)",
                "invalid.en.yml:24: duplicate intent 'billing' (first at line 16)",
                "invalid.en.yml:26: empty answer in intent 'billing'");
        assertEquals(expected, msgs);
    }

    @Test
    void badYamlReportsTheParsersLine() throws IOException {
        List<String> msgs = messages("bad-syntax.yml");
        assertEquals(1, msgs.size(), msgs.toString());
        assertTrue(msgs.get(0).matches("bad-syntax\\.yml:[67]: invalid YAML: .*"), msgs.get(0));
    }

    @Test
    void emptyFile() throws IOException {
        assertEquals(List.of("empty.yml:1: file is empty (only comments or blank lines)"), messages("empty.yml"));
        assertEquals("x.yml:1: file is empty", IntentFiles.parseYaml("x.yml", "  \n").errors().get(0).toString());
    }

    @Test
    void duplicateKeysAndWrongShapes() {
        String yml = "tenant: a\ntenant: b\nlanguage: en\nintents:\n  name: x\n";
        LoadResult r = IntentFiles.parseYaml("d.yml", yml);
        assertEquals(List.of("d.yml:2: duplicate key 'tenant' in the file (first at line 1)",
                "d.yml:5: intents must be a list, found a mapping"), r.errors().stream().map(Object::toString).toList());
    }

    @Test
    void jsonSameSchemaKeepsLines() throws IOException {
        List<String> msgs = messages("acme-telecom.json");
        assertEquals(1, msgs.size(), msgs.toString());
        assertTrue(msgs.get(0).startsWith("acme-telecom.json:8: unknown entity type 'zip_code'"), msgs.get(0));
    }

    @Test
    void jsonLabeledRecordsAndCsv() throws IOException {
        LoadResult json = IntentFiles.load(resource("acme-records.json"));
        assertEquals(List.of(), json.errors());
        assertEquals(List.of("check_balance", "report_lost_card"),
                json.intents().intents().stream().map(IntentDefinition::name).toList());
        assertEquals(3, json.intents().intents().get(0).examples().get(1).line());
        List<String> msgs = messages("acme-records.json");
        assertTrue(msgs.contains("acme-records.json:2: intent 'check_balance' has 2 examples; at least 5 are needed"), msgs.toString());

        LoadResult csv = IntentFiles.load(resource("acme-telecom.csv"));
        TenantIntents t = csv.intents();
        assertEquals("acme-telecom", t.tenant());
        assertEquals("en", t.language());
        IntentDefinition lost = t.intent("report_lost_card").orElseThrow();
        assertEquals("my card was \"stolen\"", lost.examples().get(1).text());
        assertEquals(8, lost.examples().get(1).line());
        assertEquals("what is my current bill, please", t.intent("check_balance").orElseThrow().examples().get(2).text());
        assertEquals(1, t.outOfScope().size());
    }

    @Test
    void csvProblems() {
        LoadResult r = IntentFiles.parseCsv("t.csv", "utterance,intent\nhi,greet\n", "t", "en");
        assertEquals("t.csv:1: header must name columns 'text' and 'label', found [utterance, intent]", r.errors().get(0).toString());
        r = IntentFiles.parseCsv("t.csv", "text,label\nhi,greet\nhello\nyo,\n", "t", "en");
        assertEquals(List.of("t.csv:3: expected 2 columns, found 1", "t.csv:4: missing label"),
                r.errors().stream().map(Object::toString).toList());
    }

    @Test
    void chineseDuplicatesIgnoreSpacesAndPunctuation() {
        String yml = "tenant: t\nlanguage: zh\nintents:\n  - name: a\n    examples: [我要转账, 转账, 汇款, 打钱, 付钱]\n"
                + "  - name: b\n    examples: [我要 转账！, 查余额, 余额, 多少钱, 账户]\n";
        TenantIntents t = IntentFiles.parseYaml("z.yml", yml).intents();
        List<String> msgs = validator.validate(t).stream().map(Object::toString).toList();
        assertEquals(List.of("z.yml:7: example \"我要 转账！\" in intent 'b' duplicates \"我要转账\" in intent 'a' (line 5)"), msgs);
    }

    @Test
    void cliExitsNonZeroOnProblems() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8), e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(0, ValidateIntentsCli.run(new String[] {resource("acme-telecom.en.yml").toString()}, o, e));
        assertEquals(1, ValidateIntentsCli.run(new String[] {resource("invalid.en.yml").toString()}, o, e));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("invalid.en.yml:9: intent is missing 'name'"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("9 problems"));
        assertEquals(2, ValidateIntentsCli.run(new String[] {"/nonexistent.yml"}, o, e));
    }
}
