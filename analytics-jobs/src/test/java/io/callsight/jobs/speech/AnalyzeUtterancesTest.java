package io.callsight.jobs.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.events.DeadLetter;
import io.callsight.events.Insight;
import io.callsight.events.JsonCodec;
import io.callsight.events.Track;
import io.callsight.events.Utterance;
import io.callsight.events.Word;
import io.callsight.nlp.classify.FeatureConfig;
import io.callsight.nlp.classify.HashedBagModel;
import io.callsight.nlp.classify.Manifest;
import io.callsight.nlp.classify.ModelStore;
import io.callsight.nlp.classify.NgramFeaturizer;
import io.callsight.search.ElasticsearchDocument;
import io.callsight.search.Indices;
import io.callsight.search.schema.StrictMappings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NLU operator in a Flink test harness, on a temporary models dir with a hand-built one-word intent model. */
class AnalyzeUtterancesTest {
    @TempDir
    Path models;

    /** "cancel" → cancel_service; anything without that word is out of scope. */
    private void intentModel(String tenant) throws Exception {
        intentModel(tenant, "cancel_service");
    }

    private void intentModel(String tenant, String label) throws Exception {
        FeatureConfig words = new FeatureConfig(1, 2, 1, 0, false, 256);
        int buckets = 1 << 12;
        int bucket = NgramFeaturizer.bucket(new NgramFeaturizer(words).features("cancel")[0], buckets);
        HashedBagModel m = new HashedBagModel(List.of(label, "other"), words, buckets, new int[] {bucket}, 2,
                new float[] {1, 0}, new float[] {10, 0, 0, 10}, new float[2]);
        m.setCalibration(1, 0.6);
        ModelStore store = new ModelStore(models);
        Path dir = store.nextVersion(tenant, "intents");
        m.save(dir);
        String version = dir.getFileName().toString();
        ModelStore.writeManifest(dir, new Manifest(tenant, "intents", version, "en", "h", "2026-01-01T00:00:00Z",
                HashedBagModel.KIND, Map.of(), Map.of()));
        store.setCurrent(tenant, "intents", version);
    }

    private static Utterance utterance(String tenant, int idx, String text) {
        List<Word> words = new ArrayList<>();
        long t = 0;
        for (String w : text.split(" ")) {
            words.add(new Word(w, t, t + 200, 0.9));
            t += 200;
        }
        return new Utterance(tenant, "call-1", Track.CUSTOMER, idx, 0, t, text, null, words, 0.9, true);
    }

    private KeyedOneInputStreamOperatorTestHarness<String, Utterance, AnalyzedUtterance> harness() throws Exception {
        return harness(5000);
    }

    private KeyedOneInputStreamOperatorTestHarness<String, Utterance, AnalyzedUtterance> harness(long refreshMs) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(
                new AnalyzeUtterances(new AnalyzeUtterances.Settings(models.toString(), refreshMs))),
                AnalyzeUtterances::trackKey, Types.STRING);
        h.open();
        return h;
    }

    @Test
    void everyUtteranceGetsAnInsightAndOnlyRedactedTextLeaves() throws Exception {
        intentModel("acme");
        try (var h = harness()) {
            h.processElement(new StreamRecord<>(utterance("acme", 0, "i want to cancel my card four one one one "
                    + "one one one one one one one one one one one one")));
            h.processElement(new StreamRecord<>(utterance("newco", 0, "hello there")));
            List<AnalyzedUtterance> out = h.extractOutputValues();
            assertEquals(2, out.size());

            AnalyzedUtterance acme = out.get(0);
            assertEquals("cancel_service", acme.insight().intent());
            assertEquals("v1", acme.insight().intentModel());
            assertEquals("i want to cancel my card [CARD]", acme.utterance().text());
            assertFalse(acme.utterance().words().stream().anyMatch(w -> w.word().equals("one")), "no card digits in words");
            assertEquals(List.of("CARD"), acme.insight().redactions());

            AnalyzedUtterance newco = out.get(1);
            assertNull(newco.insight().intent(), "a tenant without a model gets no intent, not a failure");
            assertEquals("en", newco.insight().language());
            assertTrue(h.getSideOutput(DeadLetters.TAG) == null || h.getSideOutput(DeadLetters.TAG).isEmpty());
        }
    }

    @Test
    void aNewModelVersionReachesTheRunningOperator() throws Exception {
        intentModel("acme", "cancel_service");
        try (var h = harness(20)) {
            h.processElement(new StreamRecord<>(utterance("acme", 0, "cancel please")));
            intentModel("acme", "churn_risk"); // v2, as `callsight train` or `models promote` would leave it
            Thread.sleep(50);
            h.processElement(new StreamRecord<>(utterance("acme", 1, "cancel please")));
            List<AnalyzedUtterance> out = h.extractOutputValues();
            assertEquals("cancel_service", out.get(0).insight().intent());
            assertEquals("v1", out.get(0).insight().intentModel());
            assertEquals("churn_risk", out.get(1).insight().intent());
            assertEquals("v2", out.get(1).insight().intentModel());
        }
    }

    @Test
    void aFailedAnalysisIsADeadLetterAndTheUtteranceIsStillIndexedRedacted() throws Exception {
        try (var h = harness()) {
            h.processElement(new StreamRecord<>(utterance("Not A Tenant", 4, "card 4111 1111 1111 1111")));
            h.setProcessingTime(AnalyzeUtterances.HOLD_MS); // it ends with digits: held until then
            AnalyzedUtterance only = h.extractOutputValues().get(0);
            assertNull(only.insight());
            assertEquals("card [CARD]", only.utterance().text());
            DeadLetter dead = h.getSideOutput(DeadLetters.TAG).poll().getValue();
            assertEquals(AnalyzeUtterances.STAGE, dead.stage());
            assertTrue(dead.reason().contains("unknown tenant 'Not A Tenant'"), dead.reason());
            Utterance parked = JsonCodec.of(Utterance.class).decode(dead.payload());
            assertEquals("card [CARD]", parked.text(), "the dead letter holds no PII either");
        }
    }

    @Test
    void utteranceDocumentsCarryTheInsightAndFitTheStrictTemplate() throws Exception {
        intentModel("acme");
        try (var h = harness()) {
            h.processElement(new StreamRecord<>(utterance("acme", 2, "please cancel it by 2025-03-04")));
            AnalyzedUtterance a = h.extractOutputValues().get(0);
            ElasticsearchDocument doc = Documents.utterance(a);
            assertEquals("call-1/CUSTOMER/2", doc.id());
            @SuppressWarnings("unchecked")
            Map<String, Object> insight = (Map<String, Object>) doc.source().get("insight");
            assertEquals("cancel_service", insight.get("intent"));
            assertEquals(Insight.CURRENT, insight.get("variant"));
            assertNotNull(insight.get("entities"));
            assertEquals(List.of(), StrictMappings.unmapped(Indices.UTTERANCES, doc.source()),
                    "every field is in the strict utterance template");
        }
    }

    private static Utterance utterance(Track track, int idx, long startMs, String text) {
        Utterance u = utterance("acme", idx, text);
        List<Word> words = new ArrayList<>();
        for (Word w : u.words()) words.add(new Word(w.word(), startMs + w.startMs(), startMs + w.endMs(), w.confidence()));
        return new Utterance("acme", "call-1", track, idx, startMs, startMs + u.endMs(), text, null, words, 0.9, true);
    }

    @Test
    void aNumberSplitAcrossTwoUtterancesOfATrackIsRemovedFromBoth() throws Exception {
        try (var h = harness()) {
            h.processElement(new StreamRecord<>(utterance(Track.CUSTOMER, 0, 0, "yeah it's four seven")));
            assertEquals(List.of(), h.extractOutputValues(), "it may go on: held for the track's next utterance");
            h.processElement(new StreamRecord<>(utterance(Track.AGENT, 0, 1_000, "okay thank you")));
            h.processElement(new StreamRecord<>(utterance(Track.CUSTOMER, 1, 2_000, "one zero nine two six eight thanks")));
            // the same words after a long pause are not the rest of that number
            h.processElement(new StreamRecord<>(utterance(Track.CUSTOMER, 2, 4_000, "yeah it's four seven")));
            h.processElement(new StreamRecord<>(utterance(Track.CUSTOMER, 3, 30_000, "one zero nine two thanks")));
            List<AnalyzedUtterance> out = h.extractOutputValues();
            assertEquals(List.of("okay thank you", "yeah it's [DIGITS]", "[DIGITS] thanks", "yeah it's four seven",
                    "one zero nine two thanks"), out.stream().map(a -> a.utterance().text()).toList(),
                    "the other track does not wait; the held utterance goes before the one that released it");
            assertEquals(List.of(0, 0, 1, 2, 3), out.stream().map(a -> a.utterance().idx()).toList());
            AnalyzedUtterance second = out.get(2);
            assertEquals(List.of("[DIGITS]", "thanks"), second.utterance().words().stream().map(Word::word).toList(),
                    "the recognized words of the number became one placeholder word");
            assertEquals(2_000, second.utterance().words().get(0).startMs());
        }
        assertTrue(org.apache.flink.api.common.typeinfo.TypeInformation.of(io.callsight.nlp.redaction.TrackTail.class)
                instanceof org.apache.flink.api.java.typeutils.PojoTypeInfo, "the tail is state Flink serializes without Kryo");
    }

    @Test
    void aHeldUtteranceGoesWhenNoNextUtteranceComesInTime() throws Exception {
        try (var h = harness()) {
            h.processElement(new StreamRecord<>(utterance(Track.CUSTOMER, 0, 0, "they gave me extension two two four five")));
            h.setProcessingTime(AnalyzeUtterances.HOLD_MS - 1);
            assertEquals(List.of(), h.extractOutputValues());
            h.setProcessingTime(AnalyzeUtterances.HOLD_MS);
            assertEquals(List.of("they gave me extension two two four five"),
                    h.extractOutputValues().stream().map(a -> a.utterance().text()).toList(),
                    "nothing followed: a complete four-digit extension, not part of a longer number");
            h.processElement(new StreamRecord<>(utterance(Track.CUSTOMER, 1, 1_000, "thanks")));
            assertEquals(2, h.extractOutputValues().size(), "released once, not again by the next utterance");
        }
    }

    private static Utterance partial(int idx, long startMs, long positionMs, String text) {
        return new Utterance("acme", "call-1", Track.CUSTOMER, idx, startMs, positionMs, text, null, List.of(), 0, false);
    }

    @Test
    void partialsAreRedactedButGetNoInsightAndLeaveTheTrackTailAlone() throws Exception {
        intentModel("acme");
        try (var h = harness()) {
            h.processElement(new StreamRecord<>(utterance(Track.CUSTOMER, 0, 0, "yeah it's four seven")));
            h.processElement(new StreamRecord<>(partial(1, 2_000, 2_300, "one zero nine two")));
            h.processElement(new StreamRecord<>(partial(1, 2_000, 2_600, "cancel my card four one one one one one one one "
                    + "one one one one one one one one")));
            h.processElement(new StreamRecord<>(utterance(Track.CUSTOMER, 1, 2_000, "one zero nine two six eight thanks")));
            List<AnalyzedUtterance> out = h.extractOutputValues();
            assertEquals(4, out.size());
            // the first final ends with digits: held until the next final; the partials go on at once
            assertEquals("yeah it's [DIGITS]", out.get(2).utterance().text());
            AnalyzedUtterance first = out.get(0);
            assertFalse(first.isFinal());
            assertNull(first.insight(), "no NLU on partials");
            assertEquals("[DIGITS]", first.utterance().text(), "the track's tail still counts for a partial");
            assertEquals("call-1/CUSTOMER/1", first.utterance().id());
            assertEquals(2_300, first.utterance().endMs());
            assertEquals("cancel my card [CARD]", out.get(1).utterance().text());
            assertNull(out.get(1).insight(), "not even with a word the intent model knows");
            AnalyzedUtterance fin = out.get(3);
            assertTrue(fin.isFinal());
            assertNotNull(fin.insight());
            assertEquals("[DIGITS] thanks", fin.utterance().text(), "the partials did not replace the tail the final needs");
            assertTrue(h.getSideOutput(DeadLetters.TAG) == null || h.getSideOutput(DeadLetters.TAG).isEmpty());
        }
    }

    @Test
    void aPartialOfATenantThatCannotBeAnalyzedIsRedactedWithEverythingOnAndNotDeadLettered() throws Exception {
        try (var h = harness()) {
            h.processElement(new StreamRecord<>(new Utterance("Not A Tenant", "call-1", Track.CUSTOMER, 0, 0, 500,
                    "card 4111 1111 1111 1111", null, List.of(), 0, false)));
            AnalyzedUtterance only = h.extractOutputValues().get(0);
            assertEquals("card [CARD]", only.utterance().text());
            assertFalse(only.isFinal());
            assertTrue(h.getSideOutput(DeadLetters.TAG) == null || h.getSideOutput(DeadLetters.TAG).isEmpty(),
                    "the final reports the tenant");
        }
    }
}
