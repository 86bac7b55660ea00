package io.callsight.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.archive.DualTrackRecording;
import io.callsight.archive.RecordingKey;
import io.callsight.asr.audio.G711;
import io.callsight.asr.noise.SyntheticSpeech;
import io.callsight.asr.recognition.FrontEndConfig;
import io.callsight.events.AudioCodec;
import io.callsight.events.AudioFrame;
import io.callsight.events.AudioFrameCodec;
import io.callsight.events.CallEvent;
import io.callsight.events.DeadLetter;
import io.callsight.events.JsonCodec;
import io.callsight.events.RecordingArchived;
import io.callsight.events.Topics;
import io.callsight.events.Track;
import io.callsight.events.Utterance;
import io.callsight.jobs.archive.ArchiveSettings;
import io.callsight.jobs.kafka.KeyedBytes;
import io.callsight.jobs.kafka.RawRecord;
import io.callsight.jobs.speech.AnalyzeUtterances;
import io.callsight.jobs.speech.CountingRecognizer;
import io.callsight.search.ElasticsearchDocument;
import io.callsight.search.Indices;
import io.callsight.search.schema.CallFields;
import io.callsight.search.schema.CallStatus;
import io.callsight.search.schema.ComplianceFields;
import io.callsight.search.schema.UtteranceFields;
import io.callsight.tenants.TenantPaths;
import io.callsight.tenants.admin.DemoTenants;
import io.callsight.tenants.admin.TenantSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.functions.FromElementsGeneratorFunction;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole speech job topology ({@link SpeechJob#build}) on a MiniCluster, as flink-training's integration tests
 * run theirs: a bounded source of raw Kafka records in, collecting sinks out, a fake recognizer (one word per second
 * of audio) in place of Vosk. Two calls run side by side on two parallel source splits, each with a record that
 * cannot be decoded.
 */
class SpeechJobTopologyTest {
    private static final int PARALLELISM = 2;
    private static final JsonCodec<CallEvent> EVENTS = JsonCodec.of(CallEvent.class);

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(PARALLELISM).build());

    @TempDir
    Path models;

    @TempDir
    Path dataDir;

    private static final int SECONDS_PER_TRACK = 4;

    /** One call's records in arrival order: STARTED, the two tracks' frames interleaved, ENDED, and one bad record. */
    private static List<RawRecord> call(String callId, boolean badAudio) {
        List<RawRecord> records = new ArrayList<>();
        records.add(event(callId, CallEvent.Type.STARTED, 0));
        for (int s = 0; s < SECONDS_PER_TRACK; s++) {
            for (Track track : List.of(Track.CUSTOMER, Track.AGENT)) {
                AudioFrame frame = new AudioFrame("acme", callId, track, s, s * 1000L, AudioCodec.PCMU, 8000,
                        speechLikeSecond(s), s == SECONDS_PER_TRACK - 1);
                records.add(new RawRecord(Topics.AUDIO, 0, records.size(), frame.trackKey(), AudioFrameCodec.encode(frame)));
            }
        }
        records.add(badAudio
                ? new RawRecord(Topics.AUDIO, 0, records.size(), callId + "/CUSTOMER", "not a frame".getBytes(StandardCharsets.UTF_8))
                : new RawRecord(Topics.EVENTS, 0, records.size(), callId, "{\"type\": ".getBytes(StandardCharsets.UTF_8)));
        AudioFrame stranger = new AudioFrame("intruder", callId + "-x", Track.CUSTOMER, 0, 0, AudioCodec.PCMU, 8000,
                speechLikeSecond(9), true);
        records.add(new RawRecord(Topics.AUDIO, 0, records.size(), stranger.trackKey(), AudioFrameCodec.encode(stranger)));
        records.add(event(callId, CallEvent.Type.ENDED, SECONDS_PER_TRACK * 1000L));
        return records;
    }

    /** A second of synthetic voiced sound, half a second of it silent: enough for the VAD to find a segment. */
    private static byte[] speechLikeSecond(long seed) {
        float[] voiced = SyntheticSpeech.generate(4000, 8000, 8000, seed);
        short[] pcm = new short[8000];
        for (int i = 0; i < voiced.length; i++) {
            pcm[2000 + i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, voiced[i]));
        }
        return G711.ulawEncode(pcm);
    }

    private static RawRecord event(String callId, CallEvent.Type type, long durationMs) {
        CallEvent event = new CallEvent("acme", callId, type, CallEvent.Direction.INBOUND, null, null, "agent-1", null,
                List.of(Track.CUSTOMER, Track.AGENT), 1000, durationMs, callId + ".wav", 1);
        return new RawRecord(Topics.EVENTS, 0, 0, callId, EVENTS.encode(event));
    }

    @Test
    void callsGoInRecordsAndComeOutAsTranscriptsInsightsCallDocumentsAndDeadLetters() throws Exception {
        Files.createDirectories(models.resolve("acme"));
        Files.writeString(models.resolve("acme/rules.yaml"), """
                tenant: acme
                must_not_say:
                  - name: no_word_two
                    phrases: [word2]
                    track: AGENT
                """);
        // The source splits its sequence into one contiguous range per subtask: each call stays whole and in order.
        List<RawRecord> records = new ArrayList<>(call("call-a", true));
        records.addAll(call("call-b", false));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(PARALLELISM);
        TypeInformation<RawRecord> type = TypeInformation.of(RawRecord.class);
        var source = new DataGeneratorSource<>(new FromElementsGeneratorFunction<>(type, env.getConfig(), records),
                records.size(), type);
        CollectingSink<KeyedBytes> kafka = new CollectingSink<>();
        CollectingSink<ElasticsearchDocument> elasticsearch = new CollectingSink<>();
        TenantPaths tenants = TenantPaths.resolve(dataDir, null, Map.of());
        DemoTenants.ensure(tenants, Map.of(), List.of(TenantSpec.of("acme", "Acme")));
        ArchiveSettings archive = new ArchiveSettings(dataDir.resolve("recordings").toString(), dataDir.toString(), 60_000);
        SpeechJob.build(env, source, kafka, elasticsearch, CountingRecognizer::withPartials, FrontEndConfig.none(), 60_000,
                200, new AnalyzeUtterances.Settings(models.toString(), 60_000),
                new SpeechJob.Tenancy(tenants.registry().toString(), archive));
        env.execute("speech job topology test");

        Map<String, List<KeyedBytes>> byTopic = kafka.received().stream().collect(Collectors.groupingBy(KeyedBytes::topic));
        List<ElasticsearchDocument> utteranceDocs = elasticsearch.received().stream()
                .filter(d -> d.index().equals(Indices.UTTERANCES)).toList();
        for (String callId : List.of("call-a", "call-b")) {
            List<Utterance> published = byTopic.get(Topics.TRANSCRIPTS).stream().filter(r -> r.key().equals(callId))
                    .map(r -> JsonCodec.of(Utterance.class).decode(r.value())).toList();
            List<Utterance> transcripts = published.stream().filter(Utterance::isFinal).toList();
            List<Utterance> partials = published.stream().filter(u -> !u.isFinal()).toList();
            assertTrue(partials.size() >= 2, callId + ": the first partial of each track is always due: " + published);
            for (Utterance p : partials) {
                assertTrue(p.words().isEmpty() && p.text().startsWith("word"), p.toString());
                // per track, a partial never comes after the final that replaces it
                int at = published.indexOf(p);
                assertTrue(published.subList(0, at).stream().noneMatch(u -> u.isFinal() && u.id().equals(p.id())),
                        "partial after its final: " + p);
            }
            assertTrue(transcripts.size() >= 2 * (SECONDS_PER_TRACK - 1), callId + ": " + transcripts);
            assertEquals(transcripts.size(), byTopic.get(Topics.INSIGHTS).stream().filter(r -> r.key().equals(callId)).count(),
                    "an insight per utterance");
            List<ElasticsearchDocument> docs = utteranceDocs.stream()
                    .filter(d -> callId.equals(d.source().get(UtteranceFields.CALL_ID))).toList();
            assertEquals(transcripts.size(), docs.size(), "every final utterance indexed once, no partial");
            assertEquals(transcripts.stream().map(Utterance::id).sorted().toList(),
                    docs.stream().map(ElasticsearchDocument::id).sorted().toList());

            Map<String, Object> call = lastCallDocument(elasticsearch.received(), callId);
            assertEquals(CallStatus.COMPLETED, call.get(CallFields.STATUS));
            assertEquals(List.of("CUSTOMER", "AGENT"), call.get(CallFields.TRACKS));
            assertEquals(transcripts.size(), call.get(CallFields.UTTERANCE_COUNT));
            assertEquals((long) SECONDS_PER_TRACK * 1000, call.get(CallFields.DURATION_MS));
            Map<?, ?> compliance = (Map<?, ?>) call.get(CallFields.COMPLIANCE);
            assertNotNull(compliance, "the tenant has rules: the finished call gets a verdict");
            assertEquals(ComplianceFields.NON_COMPLIANT, compliance.get(ComplianceFields.STATE),
                    "the agent's second second is 'word2'");
        }

        List<DeadLetter> deadLetters = byTopic.get(Topics.DEAD_LETTER).stream()
                .map(r -> JsonCodec.of(DeadLetter.class).decode(r.value())).toList();
        assertEquals(List.of("decode-audio", "decode-event", "tenant", "tenant"),
                deadLetters.stream().map(DeadLetter::stage).sorted().toList());
        assertTrue(deadLetters.stream().filter(d -> d.stage().equals("tenant"))
                .allMatch(d -> d.reason().contains("unknown tenant 'intruder'")), deadLetters.toString());
        assertTrue(deadLetters.stream().allMatch(d -> d.reason() != null && !d.reason().isBlank()), deadLetters.toString());
        assertTrue(byTopic.containsKey(Topics.SEGMENTS), "speech segments are published");

        List<RecordingArchived> archived = byTopic.get(Topics.RECORDINGS).stream()
                .map(r -> JsonCodec.of(RecordingArchived.class).decode(r.value())).toList();
        assertEquals(List.of("call-a", "call-b"), archived.stream().map(RecordingArchived::callId).sorted().toList());
        assertTrue(archived.stream().allMatch(RecordingArchived::allTracksEnded), archived.toString());
        for (RecordingArchived r : archived) {
            DualTrackRecording recording = archive.open().open(new RecordingKey("acme", r.callId())).orElseThrow();
            assertEquals(SECONDS_PER_TRACK * 1000L, recording.durationMs());
            short[] expected = new short[SECONDS_PER_TRACK * 8000];
            for (int s = 0; s < SECONDS_PER_TRACK; s++) {
                System.arraycopy(G711.ulawDecode(speechLikeSecond(s)), 0, expected, s * 8000, 8000);
            }
            assertArrayEquals(expected, recording.pcm(Track.CUSTOMER), "the archived customer track is the audio sent");
            assertArrayEquals(expected, recording.pcm(Track.AGENT));
        }
    }

    /** Call documents are upserts: the last one written for the call is what Elasticsearch holds. */
    private static Map<String, Object> lastCallDocument(List<ElasticsearchDocument> docs, String callId) {
        List<ElasticsearchDocument> versions = docs.stream()
                .filter(d -> d.index().equals(Indices.CALLS) && d.id().equals(callId)).toList();
        assertTrue(!versions.isEmpty(), "no call document for " + callId);
        return versions.get(versions.size() - 1).source();
    }
}
