package io.callsight.jobs.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.events.CallEvent;
import io.callsight.events.Insight;
import io.callsight.events.Track;
import io.callsight.events.Utterance;
import io.callsight.search.Indices;
import io.callsight.search.schema.CallStatus;
import io.callsight.search.schema.ComplianceFields;
import io.callsight.search.schema.StrictMappings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildCallDocumentsTest {
    @TempDir
    Path models;

    private static final String RULES = """
            tenant: acme
            must_say:
              - name: greeting
                phrases: [thank you for calling]
                track: AGENT
                within_first_ms: 10000
              - name: recording_disclosure
                phrases: [this call may be recorded]
                track: AGENT
            must_not_say:
              - name: guarantees
                phrases: [i guarantee]
                track: AGENT
            """;

    private KeyedOneInputStreamOperatorTestHarness<String, CallUpdate, CallDocument> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new BuildCallDocuments(60_000, new AnalyzeUtterances.Settings(models.toString(), 1000))),
                CallUpdate::callId, Types.STRING);
        h.open();
        return h;
    }

    private static CallUpdate event(String tenant, CallEvent.Type type) {
        return CallUpdate.of(new CallEvent(tenant, "c1", type, CallEvent.Direction.INBOUND, null, null, "agent-1", null,
                List.of(Track.CUSTOMER, Track.AGENT), 1000, 60_000, "c1.wav", 5));
    }

    private static CallUpdate line(String tenant, Track track, int idx, long startMs, String text) {
        return CallUpdate.of(new AnalyzedUtterance(
                new Utterance(tenant, "c1", track, idx, startMs, startMs + 1000, text, null, null, 0.9, true), null));
    }

    private static CallUpdate line(String tenant, Track track, int idx, long startMs, double sentiment) {
        Utterance u = new Utterance(tenant, "c1", track, idx, startMs, startMs + 1000, "words", null, null, 0.9, true);
        Insight insight = new Insight(tenant, "c1", track, idx, "en", null, 0, null, Insight.CURRENT,
                new Insight.SentimentReading(sentiment < 0 ? "negative" : "positive", sentiment, "_shared/sentiment-en/v1"),
                null, null, null, null, "words", null);
        return CallUpdate.of(new AnalyzedUtterance(u, insight));
    }

    private static CallUpdate track(String tenant, Track track, int utterances) {
        return CallUpdate.of(new TrackSummary(tenant, "c1", track, utterances, utterances * 5, 60_000, true));
    }

    private static void feed(KeyedOneInputStreamOperatorTestHarness<String, CallUpdate, CallDocument> h, CallUpdate... updates)
            throws Exception {
        for (CallUpdate u : updates) {
            h.processElement(new StreamRecord<>(u));
        }
    }

    private static CallDocument last(KeyedOneInputStreamOperatorTestHarness<String, CallUpdate, CallDocument> h) {
        List<CallDocument> out = h.extractOutputValues();
        return out.get(out.size() - 1);
    }

    @Test
    void aFinishedCallIsCheckedOnceItsLastUtteranceArrives() throws Exception {
        Files.createDirectories(models.resolve("acme"));
        Files.writeString(models.resolve("acme/rules.yaml"), RULES);
        try (var h = harness()) {
            feed(h, event("acme", CallEvent.Type.STARTED),
                    line("acme", Track.AGENT, 0, 500, "thank you for calling acme how can i help"),
                    line("acme", Track.CUSTOMER, 0, 4000, "my bill is wrong"));
            // the tracks finish before the agent's second line has made it through NLU
            feed(h, event("acme", CallEvent.Type.ENDED), track("acme", Track.CUSTOMER, 1), track("acme", Track.AGENT, 2));
            assertEquals(CallStatus.COMPLETED, last(h).status);
            assertNull(last(h).compliance, "undecided while a line is missing");
            int emitted = h.extractOutputValues().size();

            feed(h, line("acme", Track.AGENT, 1, 9000, "i guarantee it will be fixed today"));
            assertEquals(emitted + 1, h.extractOutputValues().size(), "the verdict is indexed");
            CallCompliance c = last(h).compliance;
            assertEquals(ComplianceFields.NON_COMPLIANT, c.state);
            assertEquals(3, c.rules);
            assertEquals(List.of("recording_disclosure"), c.missed);
            assertEquals("greeting", c.met.get(0).rule);
            assertEquals(500, c.met.get(0).atMs);
            assertEquals("AGENT", c.met.get(0).track);
            assertEquals("guarantees", c.violations.get(0).rule);
            assertEquals(9000, c.violations.get(0).atMs);
            assertTrue(last(h).lines.isEmpty(), "lines are dropped once decided");
            Map<String, Object> source = last(h).toSource(0);
            assertEquals("non_compliant", ((Map<?, ?>) source.get("compliance")).get("state"));
            assertEquals(List.of(), StrictMappings.unmapped(Indices.CALLS, source), "every field is in the strict call template");
        }
    }

    @Test
    void aReimportedCallIsCheckedAgain() throws Exception {
        Files.createDirectories(models.resolve("acme"));
        Files.writeString(models.resolve("acme/rules.yaml"), RULES);
        try (var h = harness()) {
            for (int run = 0; run < 2; run++) {
                feed(h, event("acme", CallEvent.Type.STARTED), event("acme", CallEvent.Type.ENDED),
                        line("acme", Track.AGENT, 0, 500, run == 0 ? "hello" : "thank you for calling this call may be recorded"),
                        track("acme", Track.AGENT, 1), track("acme", Track.CUSTOMER, 0));
                assertEquals(run == 0 ? List.of("greeting", "recording_disclosure") : List.of(), last(h).compliance.missed,
                        "run " + run);
            }
        }
    }

    /** A re-import's first lines can overtake its STARTED event: they belong to the new transcription. */
    @Test
    void linesThatOvertakeTheReimportsStartAreKept() throws Exception {
        Files.createDirectories(models.resolve("acme"));
        Files.writeString(models.resolve("acme/rules.yaml"), RULES);
        try (var h = harness()) {
            feed(h, event("acme", CallEvent.Type.STARTED), event("acme", CallEvent.Type.ENDED),
                    line("acme", Track.AGENT, 0, 500, "hello"), track("acme", Track.AGENT, 1), track("acme", Track.CUSTOMER, 0));
            assertEquals(List.of("greeting", "recording_disclosure"), last(h).compliance.missed);
            feed(h, line("acme", Track.AGENT, 0, 500, "thank you for calling this call may be recorded"),
                    event("acme", CallEvent.Type.STARTED), event("acme", CallEvent.Type.ENDED),
                    line("acme", Track.CUSTOMER, 0, 3000, "my bill"), track("acme", Track.AGENT, 1), track("acme", Track.CUSTOMER, 1));
            assertEquals(List.of(), last(h).compliance.missed);
        }
    }

    /** A call that starts angry and ends calm: the customer's first and last thirds, with or without rules. */
    @Test
    void theCustomersSentimentIsSummedUpFromStartToEnd() throws Exception {
        try (var h = harness()) {
            feed(h, event("globex", CallEvent.Type.STARTED), event("globex", CallEvent.Type.ENDED));
            double[] customer = {-0.8, -0.6, -0.2, 0.1, 0.4, 0.6};
            for (int i = 0; i < customer.length; i++) {
                feed(h, line("globex", Track.CUSTOMER, i, 1000L * (2 * i + 1), customer[i]));
            }
            feed(h, line("globex", Track.AGENT, 0, 0, 0.2), track("globex", Track.AGENT, 1), track("globex", Track.CUSTOMER, 6));
            CallSentiment s = last(h).sentiment;
            assertEquals(6, s.customerLines);
            assertEquals(-0.7, s.customerStart, 1e-9);
            assertEquals(0.5, s.customerEnd, 1e-9);
            assertEquals(-0.5 / 6, s.customerMean, 1e-9);
            assertEquals(0.2, s.agentMean, 1e-9);
            assertNull(last(h).compliance, "globex has no rules");
            assertEquals(1.2, (Double) ((Map<?, ?>) last(h).toSource(0).get("sentiment")).get("customerTrend"), 1e-9);
            assertEquals(List.of(), StrictMappings.unmapped(Indices.CALLS, last(h).toSource(0)));
        }
    }

    @Test
    void linesAloneAreNotReindexedAndATenantWithoutRulesGetsNoVerdict() throws Exception {
        try (var h = harness()) {
            feed(h, event("globex", CallEvent.Type.STARTED));
            int emitted = h.extractOutputValues().size();
            feed(h, line("globex", Track.AGENT, 0, 0, "thank you for calling"));
            assertEquals(emitted, h.extractOutputValues().size());
            feed(h, event("globex", CallEvent.Type.ENDED), track("globex", Track.AGENT, 1), track("globex", Track.CUSTOMER, 0));
            assertEquals(CallStatus.COMPLETED, last(h).status);
            assertNull(last(h).compliance);
            assertTrue(!last(h).toSource(0).containsKey("compliance"));
        }
    }

    @Test
    void anInvalidRulesFileLeavesTheCallUncheckedInsteadOfFailingTheJob() throws Exception {
        Files.createDirectories(models.resolve("acme"));
        Files.writeString(models.resolve("acme/rules.yaml"), "must_say: [[[\n");
        try (var h = harness()) {
            feed(h, event("acme", CallEvent.Type.STARTED), line("acme", Track.AGENT, 0, 0, "hello"),
                    event("acme", CallEvent.Type.ENDED), track("acme", Track.AGENT, 1), track("acme", Track.CUSTOMER, 0));
            assertEquals(CallStatus.COMPLETED, last(h).status);
            assertNull(last(h).compliance);
        }
    }
}
