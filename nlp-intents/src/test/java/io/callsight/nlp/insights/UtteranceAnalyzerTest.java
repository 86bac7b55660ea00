package io.callsight.nlp.insights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.events.Insight;
import io.callsight.events.Track;
import io.callsight.events.Utterance;
import io.callsight.events.Word;
import io.callsight.nlp.classify.ModelStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UtteranceAnalyzerTest {
    @TempDir
    Path models;

    private UtteranceAnalyzer analyzer() {
        return new UtteranceAnalyzer(new ModelRegistry(models, 0));
    }

    @Test
    void aTenantWithoutModelsGetsNoIntentButStillRedactionLanguageAndEntities() {
        Analysis a = analyzer().analyze("newco", "call-1", Track.CUSTOMER, 3,
                "my card is 4111 1111 1111 1111 and i paid $25 yesterday");
        Insight i = a.insight();
        assertNull(i.intent());
        assertNull(i.intentModel());
        assertEquals(0, i.confidence());
        assertNull(i.sentiment());
        assertEquals("en", i.language());
        assertEquals("call-1/CUSTOMER/3", i.utteranceId());
        assertEquals("my card is [CARD] and i paid $25 yesterday", i.redactedText());
        assertEquals(List.of("CARD"), i.redactions());
        Insight.EntityMention card = i.entities().stream().filter(e -> e.type().equals("card_number")).findFirst().orElseThrow();
        assertEquals("[CARD]", card.text());
        assertNull(card.value(), "no card digits in the insight");
        Insight.EntityMention money = i.entities().stream().filter(e -> e.type().equals("money")).findFirst().orElseThrow();
        assertEquals("25 USD", money.value());
        assertEquals("$25", i.redactedText().substring(money.start(), money.end()), "offsets index the redacted text");
    }

    @Test
    void intentSentimentKeywordsAndViolationsFromTheTenantsFiles() throws Exception {
        ModelStore store = new ModelStore(models);
        TinyModels.write(store, "acme", "intents", Map.of("cancel", "cancel_service", "bill", "billing_question"));
        TinyModels.write(store, ModelRegistry.SHARED, "sentiment-en", TinyModels.sentimentCues());
        Files.writeString(models.resolve("acme/rules.yaml"), """
                tenant: acme
                keyword_groups:
                  competitors: [Verizon]
                must_not_say:
                  - name: guarantees
                    phrases: [i guarantee]
                    track: AGENT
                """);
        UtteranceAnalyzer analyzer = analyzer();
        Insight i = analyzer.analyze("acme", "call-1", Track.CUSTOMER, 0,
                "this is terrible i want to cancel and go to verizon").insight();
        assertEquals("cancel_service", i.intent());
        assertTrue(i.confidence() > 0.9, "confidence " + i.confidence());
        assertEquals("v1", i.intentModel());
        assertEquals(Insight.CURRENT, i.variant());
        assertEquals("negative", i.sentiment().label());
        assertTrue(i.sentiment().score() < 0 && i.sentiment().score() >= -1);
        assertEquals("_shared/sentiment-en/v1", i.sentiment().model());
        assertEquals(1, i.keywords().size());
        assertEquals("competitors", i.keywords().get(0).group());
        assertTrue(i.violations().isEmpty());

        Insight agent = analyzer.analyze("acme", "call-1", Track.AGENT, 1, "i guarantee you will love it").insight();
        assertEquals(List.of("guarantees"), agent.violations());
        assertNull(agent.intent(), "no cue word: out of scope is no intent");
    }

    @Test
    void aSharedAnyLanguageSentimentModelServesTenantsWithoutTheirOwn() throws Exception {
        ModelStore store = new ModelStore(models);
        TinyModels.write(store, ModelRegistry.SHARED, "sentiment", TinyModels.sentimentCues());
        Insight i = analyzer().analyze("newco", "c", Track.CUSTOMER, 0, "great thanks").insight();
        assertEquals("positive", i.sentiment().label());
        assertEquals("_shared/sentiment/v1", i.sentiment().model());
        TinyModels.write(store, "newco", "sentiment", Map.of("great", "negative", "awful", "positive"));
        Insight own = analyzer().analyze("newco", "c", Track.CUSTOMER, 0, "great thanks").insight();
        assertEquals("negative", own.sentiment().label(), "the tenant's own model wins");
        assertEquals("v1", own.sentiment().model());
    }

    @Test
    void aLineThatIsOnlyPersonalDataIsNeutral() throws Exception {
        TinyModels.write(new ModelStore(models), ModelRegistry.SHARED, "sentiment", Map.of("four", "negative", "great", "positive"));
        Insight digits = analyzer().analyze("newco", "c", Track.CUSTOMER, 0, "four five six seven eight nine").insight();
        assertEquals("[DIGITS]", digits.redactedText());
        assertEquals("neutral", digits.sentiment().label());
        assertEquals(0, digits.sentiment().score());
        Insight words = analyzer().analyze("newco", "c", Track.CUSTOMER, 1, "great it's five six seven eight nine one").insight();
        assertEquals("great it's [DIGITS]", words.redactedText());
        assertTrue(words.sentiment().score() != 0, "words around the number are still read: " + words.sentiment());
    }

    @Test
    void theTenantDecidesWhatIsRedacted() throws Exception {
        Files.createDirectories(models.resolve("acme"));
        Files.writeString(models.resolve("acme/tenant.yaml"), "redact: [email]\n");
        Insight i = analyzer().analyze("acme", "c", Track.CUSTOMER, 0,
                "mail john.smith@example.com or call 555 123 4567").insight();
        assertEquals("mail [EMAIL] or call 555 123 4567", i.redactedText());
    }

    @Test
    void theCandidateAnswersForItsShareOfCallsAndAllUtterancesOfACallAgree() throws Exception {
        ModelStore store = new ModelStore(models);
        TinyModels.write(store, "acme", "intents", Map.of("cancel", "cancel_service"));
        TinyModels.write(store, "acme", "intents", Map.of("cancel", "churn_risk"));
        store.setCurrent("acme", "intents", "v1");
        store.startRelease("acme", "intents", "v2", 0.3);
        UtteranceAnalyzer analyzer = analyzer();
        int candidate = 0;
        for (int c = 0; c < 400; c++) {
            String call = "call-" + c;
            Insight customer = analyzer.analyze("acme", call, Track.CUSTOMER, 0, "cancel it").insight();
            Insight agent = analyzer.analyze("acme", call, Track.AGENT, 5, "you want to cancel").insight();
            assertEquals(customer.variant(), agent.variant(), call);
            boolean isCandidate = customer.variant().equals(Insight.CANDIDATE);
            assertEquals(isCandidate ? "v2" : "v1", customer.intentModel());
            assertEquals(isCandidate ? "churn_risk" : "cancel_service", customer.intent());
            candidate += isCandidate ? 1 : 0;
        }
        assertEquals(0.3, candidate / 400.0, 0.07);
    }

    @Test
    void malformedTenantIsRejected() {
        assertThrows(UnknownTenantException.class, () -> analyzer().analyze("Acme Corp", "c", Track.AGENT, 0, "hi"));
    }

    @Test
    void wordsInsideARedactedSpanBecomeOnePlaceholderWord() {
        String text = "my number is five five five one two three four five six seven thanks";
        List<Word> words = new ArrayList<>();
        long t = 0;
        for (String w : text.split(" ")) {
            words.add(new Word(w, t, t + 100, 0.9));
            t += 100;
        }
        Utterance u = new Utterance("acme", "c", Track.CUSTOMER, 0, 0, t, text, null, words, 0.9, true);
        Analysis a = analyzer().analyze("acme", "c", Track.CUSTOMER, 0, text);
        Utterance r = RedactedUtterance.of(u, a.redaction());
        assertFalse(r.text().contains("five"), r.text());
        assertEquals(r.text(), r.redactedText());
        List<String> ws = r.words().stream().map(Word::word).toList();
        assertEquals(List.of("my", "number", "is", "[PHONE]", "thanks"), ws);
        Word placeholder = r.words().get(3);
        assertEquals(300, placeholder.startMs());
        assertEquals(1300, placeholder.endMs());
        String joined = String.join(" ", ws).toLowerCase(Locale.ROOT);
        assertFalse(joined.matches(".*\\d.*"));
    }

    @Test
    void failsafeRedactsEverything() {
        Utterance u = new Utterance("x", "c", Track.CUSTOMER, 0, 0, 1, "card 4111 1111 1111 1111", null, List.of(), 1, true);
        assertEquals("card [CARD]", RedactedUtterance.failsafe(u).text());
    }

    /** Not an assertion of speed: prints single-thread throughput for the report. */
    @Test
    void throughput() throws Exception {
        ModelStore store = new ModelStore(models);
        TinyModels.write(store, "acme", "intents", Map.of("cancel", "cancel_service", "bill", "billing_question"));
        TinyModels.write(store, ModelRegistry.SHARED, "sentiment-en", TinyModels.sentimentCues());
        UtteranceAnalyzer analyzer = analyzer();
        String[] texts = {"hello thank you for calling acme how can i help you today",
            "yes hi i'm calling about my bill it's way higher than last month",
            "my account number is four five six seven eight nine one two",
            "i want to cancel my contract if you can't fix this",
            "okay let me check that for you one moment please"};
        for (int i = 0; i < 2000; i++) {
            analyzer.analyze("acme", "call-" + (i % 50), Track.CUSTOMER, i, texts[i % texts.length]);
        }
        int n = 5000;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            analyzer.analyze("acme", "call-" + (i % 50), Track.CUSTOMER, i, texts[i % texts.length]);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "UtteranceAnalyzer: %.0f utterances/s single-thread (%d in %.2f s)%n", n / s, n, s);
    }
}
