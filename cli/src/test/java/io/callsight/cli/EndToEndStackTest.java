package io.callsight.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.archive.DualTrackRecording;
import io.callsight.archive.FileSystemRecordingStore;
import io.callsight.archive.RecordingArchive;
import io.callsight.archive.RecordingKey;
import io.callsight.asr.audio.Pcm;
import io.callsight.asr.audio.WavAudio;
import io.callsight.asr.audio.WavFile;
import io.callsight.asr.eval.WordErrorRate;
import io.callsight.events.AudioCodec;
import io.callsight.events.AudioFrame;
import io.callsight.events.CallEvent;
import io.callsight.events.DeadLetter;
import io.callsight.events.JsonCodec;
import io.callsight.events.Topics;
import io.callsight.events.Track;
import io.callsight.ingest.ImportResult;
import io.callsight.ingest.KafkaCallSink;
import io.callsight.ingest.client.AudioHookClient;
import io.callsight.ingest.client.ReplayAudio;
import io.callsight.ingest.client.TranscriptEvent;
import io.callsight.search.query.ModelUsage;
import io.callsight.search.query.ModelUsageQueries;
import io.callsight.search.query.TenantScope;
import io.callsight.search.query.TranscriptQueries;
import io.callsight.stack.StackConfig;
import io.callsight.tenants.TenantPaths;
import io.callsight.tenants.crypto.EnvelopeCipher;
import io.callsight.tenants.crypto.EnvelopeException;
import io.callsight.tenants.crypto.MasterKey;
import io.callsight.tenants.crypto.TenantKeyring;
import io.callsight.tts.CallReference;
import io.callsight.tts.DemoCallGenerator;
import io.callsight.tts.DemoCallRenderer;
import io.callsight.tts.MaryTtsSynthesizer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing end to end: embedded Kafka (KRaft), Elasticsearch 8.19 and the Flink speech job in its own
 * JVM, fed three MaryTTS-rendered demo calls through the importer, checked in Elasticsearch.
 */
@Tag("stack")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndStackTest {
    private static final List<String> SCRIPTS =
            List.of("bank-01-card-lost", "ins-02-claim-delay-escalation", "tel-01-internet-outage");
    private static final Duration INDEXING_TIMEOUT = Duration.ofMinutes(8);

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS) // a failed run keeps its logs and data
    static Path work;

    private LocalStack stack;
    private List<Path> wavs;
    private List<String> callIds;
    private static final TenantScope DEMO_TENANTS = DemoCommand.DEMO_SCOPE;
    private TranscriptQueries es;
    private Path registry;

    @BeforeAll
    void startStackAndRenderCalls() throws Exception {
        StackConfig config = StackConfig.builder()
                .dataDir(work.resolve("data"))
                .kafkaPort(29092).kafkaControllerPort(29093).esHttpPort(29200).esTransportPort(29300).ingestPort(29088).voicebotPort(29089)
                .build();
        stack = new LocalStack(config);
        Path scripts = Files.createDirectories(work.resolve("scripts"));
        for (String name : SCRIPTS) {
            Files.copy(DemoCalls.scriptsDir().resolve(name + ".json"), scripts.resolve(name + ".json"));
        }
        Path audio = work.resolve("audio");
        new DemoCallGenerator(() -> new DemoCallRenderer(new MaryTtsSynthesizer(), AudioCodec.PCMU))
                .generate(scripts, audio, false, (i, n, name, rendered, seconds) -> { });
        wavs = SCRIPTS.stream().map(n -> audio.resolve(n + ".wav")).toList();
        DemoModels.ensureTrained(System.out); // what `callsight demo` does: the demo tenants' intents, shared sentiment
        registry = DemoCommand.demoTenants(config, System.out); // and its tenants, their keys and a master key
        stack.up(System.out);
        es = new TranscriptQueries(config.esUrl(), DEMO_TENANTS);
    }

    @AfterAll
    void stopStack() throws Exception {
        if (es != null) {
            es.close();
        }
        if (stack != null) {
            stack.down(System.out);
        }
    }

    @Test
    @Order(1)
    void importedCallsAreTranscribedOnBothTracksWithinTheWordErrorBudget() throws Exception {
        List<ImportResult> results = ImportCommand.importCalls(stack.config().kafkaBootstrap(), registry, "demo", 100, wavs);
        assertTrue(results.stream().allMatch(ImportResult::ok), () -> "imports failed: " + results);
        callIds = results.stream().map(ImportResult::callId).toList();

        Set<String> done = es.awaitTranscribed(callIds, INDEXING_TIMEOUT, n -> { });
        assertEquals(Set.copyOf(callIds), done, () -> "calls transcribed within " + INDEXING_TIMEOUT + "; the others now: "
                + describeCalls(callIds.stream().filter(id -> !done.contains(id)).toList()));

        for (int i = 0; i < wavs.size(); i++) {
            CallReference reference = CallReference.read(wavs.get(i).resolveSibling(SCRIPTS.get(i) + ".json"));
            List<TranscriptQueries.Line> lines = es.transcript(callIds.get(i));
            for (Track track : List.of(Track.CUSTOMER, Track.AGENT)) {
                assertTrue(lines.stream().anyMatch(l -> l.track().equals(track.name())),
                        callIds.get(i) + " has no " + track + " utterances");
            }
            WordErrorRate.Score score = new DemoCalls.DemoCall(wavs.get(i), reference).score(lines);
            System.out.printf("%s: WER %.1f %% over %d words%n", callIds.get(i), 100 * score.rate(), score.referenceWords());
            assertTrue(score.rate() <= 0.40, callIds.get(i) + " WER " + score.rate());
        }
        // Another tenant's reader sees none of it: not by search, not by fetching the call document by its id.
        try (TranscriptQueries outsider = new TranscriptQueries(stack.config().esUrl(), TenantScope.of("globex"))) {
            for (String id : callIds) {
                assertTrue(outsider.transcript(id).isEmpty(), id + " transcript visible to another tenant");
                assertNull(outsider.call(id), id + " call document visible to another tenant");
            }
            assertTrue(outsider.awaitTranscribed(callIds, Duration.ofSeconds(1), n -> { }).isEmpty());
        }
    }

    @Test
    @Order(2)
    void reimportingTheSameCallsOverwritesInsteadOfDuplicating() throws Exception {
        assertUtteranceIdsAreExactlyTheCounted();
        long reimportedAt = System.currentTimeMillis();
        List<ImportResult> again = ImportCommand.importCalls(stack.config().kafkaBootstrap(), registry, "demo", 100, wavs);
        assertEquals(callIds, again.stream().map(ImportResult::callId).toList(), "call ids derive from the files");
        Set<String> done = es.awaitTranscribed(callIds, reimportedAt, INDEXING_TIMEOUT, n -> { });
        assertEquals(Set.copyOf(callIds), done, () -> "re-transcribed within " + INDEXING_TIMEOUT + "; the others now: "
                + describeCalls(callIds.stream().filter(id -> !done.contains(id)).toList()));
        assertUtteranceIdsAreExactlyTheCounted();
    }

    /** What Elasticsearch holds for these calls, for a failure message to say where a call got stuck. */
    private String describeCalls(List<String> ids) {
        StringBuilder sb = new StringBuilder();
        for (String id : ids) {
            try {
                Map<?, ?> call = es.call(id);
                sb.append('\n').append(id).append(": ").append(call == null ? "no call document" : Map.of(
                        "status", String.valueOf(call.get("status")),
                        "tracksTranscribed", String.valueOf(call.get("tracksTranscribed")),
                        "utteranceCount", String.valueOf(call.get("utteranceCount")),
                        "updatedAt", String.valueOf(call.get("updatedAt"))));
                sb.append(", ").append(es.transcript(id).size()).append(" utterance documents");
            } catch (Exception e) {
                sb.append('\n').append(id).append(": ").append(e);
            }
        }
        return sb.toString();
    }

    /**
     * Per call and track, the utterance documents are numbered 0..n-1 with n what the call document counts:
     * nothing duplicated, nothing stale left over from an earlier transcription.
     */
    private void assertUtteranceIdsAreExactlyTheCounted() throws Exception {
        for (String callId : callIds) {
            List<TranscriptQueries.Line> lines = es.transcript(callId);
            Map<?, ?> call = es.call(callId);
            assertEquals(((Number) call.get("utteranceCount")).intValue(), lines.size(), callId + " utterance documents");
            for (Track track : List.of(Track.CUSTOMER, Track.AGENT)) {
                List<Integer> idx = lines.stream().filter(l -> l.track().equals(track.name()))
                        .map(TranscriptQueries.Line::idx).sorted().toList();
                assertEquals(java.util.stream.IntStream.range(0, idx.size()).boxed().toList(), idx,
                        callId + " " + track + " utterance indexes");
            }
        }
    }

    @Test
    @Order(3)
    void badFilesAreReportedAndTheRestOfTheBatchStillImports() throws Exception {
        Path truncated = work.resolve("truncated.wav");
        byte[] good = Files.readAllBytes(wavs.get(0));
        Files.write(truncated, java.util.Arrays.copyOf(good, good.length / 2 + 1));
        Path empty = Files.createFile(work.resolve("empty.wav"));
        Path text = Files.writeString(work.resolve("notes.wav"), "not audio");
        PrintStream err = System.err;
        List<ImportResult> results;
        try {
            System.setErr(new PrintStream(new ByteArrayOutputStream()));
            results = ImportCommand.importCalls(stack.config().kafkaBootstrap(), registry, "demo", 100,
                    List.of(truncated, empty, text, wavs.get(1)));
        } finally {
            System.setErr(err);
        }
        assertTrue(results.get(0).error().contains("truncated"), results.get(0).describe());
        assertTrue(results.get(1).error().contains("empty"), results.get(1).describe());
        assertTrue(results.get(2).error().contains("not a WAV file"), results.get(2).describe());
        assertTrue(results.get(3).ok(), results.get(3).describe());
    }

    @Test
    @Order(4)
    void malformedRecordsLandOnTheDeadLetterTopicWithTheReason() throws Exception {
        String key = "garbage-" + UUID.randomUUID();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.config().kafkaBootstrap());
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.AUDIO, key, "hello".getBytes(StandardCharsets.UTF_8))).get();
        }
        JsonCodec<DeadLetter> codec = JsonCodec.of(DeadLetter.class);
        List<DeadLetter> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = committedReader()) {
            consumer.subscribe(List.of(Topics.DEAD_LETTER));
            long deadline = System.currentTimeMillis() + 120_000;
            while (found.isEmpty() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    DeadLetter letter = codec.decode(r.value());
                    if (key.equals(letter.key())) {
                        found.add(letter);
                    }
                }
            }
        }
        assertEquals(1, found.size(), "dead letter for the garbage record");
        assertEquals("decode-audio", found.get(0).stage());
        assertTrue(found.get(0).reason().contains("not an audio frame"), found.get(0).reason());
        assertEquals("hello", new String(found.get(0).payload(), StandardCharsets.UTF_8));
    }

    /**
     * NLU in the job: every utterance document carries an insight with the shared sentiment model's reading and,
     * from the tenant's intent model (trained from datasets/demo-intents), the caller's reason for calling; the
     * account number read out in the card-lost call is redacted in the index, and calls.insights has a record for
     * every analyzed utterance of the calls.
     */
    @Test
    @Order(5)
    void utterancesCarryInsightsAndOnlyRedactedText() throws Exception {
        Set<String> documents = new java.util.HashSet<>();
        Map<String, Integer> perTenant = new java.util.HashMap<>();
        Map<String, String> reasonForCalling = Map.of("demo-bank-01-card-lost", "report_lost_card",
                "demo-ins-02-claim-delay-escalation", "claim_status", "demo-tel-01-internet-outage", "internet_outage");
        boolean redacted = false;
        for (String callId : callIds) {
            Set<String> customerIntents = new java.util.HashSet<>(), customerSentiment = new java.util.HashSet<>();
            for (Map<?, ?> doc : es.utterances(callId)) {
                documents.add(callId + "/" + doc.get("track") + "/" + doc.get("idx"));
                perTenant.merge((String) doc.get("tenant"), 1, Integer::sum);
                Map<?, ?> insight = (Map<?, ?>) doc.get("insight");
                assertTrue(insight != null && "en".equals(insight.get("language")), callId + " insight " + insight);
                assertEquals("current", insight.get("variant"));
                Map<?, ?> sentiment = (Map<?, ?>) insight.get("sentiment");
                assertTrue(sentiment != null && String.valueOf(sentiment.get("model")).startsWith("_shared/sentiment-en/"),
                        callId + " sentiment " + sentiment);
                if ("CUSTOMER".equals(doc.get("track"))) {
                    if (insight.get("intent") != null) {
                        customerIntents.add((String) insight.get("intent"));
                    }
                    customerSentiment.add((String) sentiment.get("label"));
                }
                String text = (String) doc.get("text");
                assertTrue(!text.matches(".*\\d{6,}.*") && !text.contains("two two one nine"), "unredacted: " + text);
                if (!((List<?>) insight.get("redactions")).isEmpty()) {
                    redacted = true;
                    assertTrue(text.matches(".*\\[[A-Z_]+\\].*"), "a redaction leaves its placeholder: " + text);
                }
            }
            assertTrue(customerIntents.contains(reasonForCalling.get(callId)), callId + " customer intents " + customerIntents);
            System.out.println(callId + ": customer intents " + customerIntents + ", sentiment " + customerSentiment);
        }
        assertTrue(redacted, "the account number read out in bank-01-card-lost is redacted");

        JsonCodec<io.callsight.events.Insight> codec = JsonCodec.of(io.callsight.events.Insight.class);
        Set<String> insightIds = new java.util.HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = committedReader()) {
            consumer.subscribe(List.of(Topics.INSIGHTS));
            long deadline = System.currentTimeMillis() + 60_000;
            while (!insightIds.containsAll(documents) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    io.callsight.events.Insight insight = codec.decode(r.value());
                    if (callIds.contains(r.key())) {
                        assertEquals(r.key(), insight.callId());
                        insightIds.add(insight.utteranceId());
                    }
                }
            }
        }
        assertTrue(insightIds.containsAll(documents), "an insight on " + Topics.INSIGHTS + " for every indexed utterance");

        // The live grayscale reports read the same documents: one intent model per demo tenant, no candidate, and
        // the shared sentiment model answering for all of them.
        for (Map.Entry<String, Integer> tenant : perTenant.entrySet()) {
            List<ModelUsage> live = ModelUsageQueries.intents(stack.config().esUrl(), tenant.getKey(), null);
            assertEquals(1, live.size(), tenant + " " + live);
            assertEquals("current", live.get(0).variant());
            assertTrue(live.get(0).model() != null, tenant + " " + live);
            assertTrue(live.get(0).utterances() >= tenant.getValue(), tenant + " " + live);
            assertTrue(live.get(0).noMatchRate() < 1.0, tenant + " " + live);
            List<ModelUsage> sentiment = ModelUsageQueries.sentiment(stack.config().esUrl(), tenant.getKey(), null, null);
            assertEquals(1, sentiment.size(), tenant + " " + sentiment);
            assertEquals("shared", sentiment.get(0).variant());
            assertTrue(sentiment.get(0).utterances() >= tenant.getValue(), tenant + " " + sentiment);
            assertTrue(sentiment.get(0).meanConfidence() > 0 && sentiment.get(0).meanConfidence() <= 1, tenant + " " + sentiment);
        }
    }

    /**
     * Compliance per call from the demo tenants' rules (models/&lt;tenant&gt;/rules.yaml): every call gets a verdict
     * over its 4 rules once its last utterance is through NLU. All three agents open with "this call may be
     * recorded" and the company's name, and none of them makes a guarantee.
     */
    @Test
    @Order(6)
    void everyCallIsCheckedAgainstItsTenantsMustSayAndMustNotSayRules() throws Exception {
        int disclosed = 0;
        for (String callId : callIds) {
            Map<?, ?> call = es.awaitAnalysis(callId, Duration.ofSeconds(60), "compliance");
            Map<?, ?> c = call == null ? null : (Map<?, ?>) call.get("compliance");
            assertTrue(c != null, callId + " has no compliance verdict");
            assertEquals(4, ((Number) c.get("rules")).intValue(), callId + " " + c);
            assertTrue(((List<?>) c.get("violations")).isEmpty(), callId + " " + c);
            for (Object met : (List<?>) c.get("met")) {
                Map<?, ?> m = (Map<?, ?>) met;
                assertEquals("AGENT", m.get("track"), callId + " " + c);
                assertTrue(((Number) m.get("atMs")).longValue() <= 30_000, callId + " " + c);
                disclosed += "recording_disclosure".equals(m.get("rule")) ? 1 : 0;
            }
            System.out.println(callId + ": " + DemoCommand.describeCompliance(c));
            // the shared sentiment model reads every line, so every finished call has a customer sentiment summary
            Map<?, ?> mood = (Map<?, ?>) call.get("sentiment"); // made with the verdict, indexed in the same document
            assertTrue(mood != null && ((Number) mood.get("customerLines")).intValue() > 0, callId + " sentiment " + mood);
            for (String k : List.of("customerMean", "customerStart", "customerEnd")) {
                double v = ((Number) mood.get(k)).doubleValue();
                assertTrue(v >= -1 && v <= 1, callId + " " + k + " " + v);
            }
            System.out.println(callId + ": customer sentiment " + mood);
        }
        // recognition errors may cost one call its phrase, but not most of them
        assertTrue(disclosed >= 2, "recording disclosure found in " + disclosed + " of " + callIds.size() + " calls");
    }

    /** The VAD's speech segments reach calls.segments for both tracks, and every recognized utterance lies in one. */
    @Test
    @Order(7)
    void speechSegmentsArePublishedAndCoverTheUtterances() throws Exception {
        JsonCodec<io.callsight.events.SpeechSegmentEvent> codec = JsonCodec.of(io.callsight.events.SpeechSegmentEvent.class);
        Map<String, List<io.callsight.events.SpeechSegmentEvent>> byTrack = new java.util.HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = committedReader()) {
            consumer.subscribe(List.of(Topics.SEGMENTS));
            long deadline = System.currentTimeMillis() + 30_000;
            while (byTrack.size() < 2 * callIds.size() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    io.callsight.events.SpeechSegmentEvent s = codec.decode(r.value());
                    if (callIds.contains(r.key())) {
                        byTrack.computeIfAbsent(s.callId() + "/" + s.track(), k -> new java.util.ArrayList<>()).add(s);
                    }
                }
            }
        }
        assertEquals(2 * callIds.size(), byTrack.size(), "segments for both tracks of every call: " + byTrack.keySet());
        for (String callId : callIds) {
            for (Map<?, ?> doc : es.utterances(callId)) {
                long start = ((Number) doc.get("startMs")).longValue();
                long end = ((Number) doc.get("endMs")).longValue();
                List<io.callsight.events.SpeechSegmentEvent> segments = byTrack.get(callId + "/" + doc.get("track"));
                assertTrue(segments.stream().anyMatch(s -> s.startMs() < end && s.endMs() > start),
                        "utterance " + callId + "/" + doc.get("track") + " " + start + ".." + end + " in no segment " + segments);
            }
        }
    }

    /**
     * Every imported call is archived as one encrypted dual-track recording: the file holds no WAV header, opens only
     * with its tenant's key, and its audio is the recording that was imported, sample for sample.
     */
    @Test
    @Order(8)
    void everyCallIsArchivedEncryptedAndOpensToTheImportedAudio() throws Exception {
        TenantPaths paths = TenantPaths.resolve(stack.config().dataDir(), null, Map.of());
        RecordingArchive archive = new RecordingArchive(new FileSystemRecordingStore(FlinkJobs.archiveDir(stack.config())),
                new EnvelopeCipher(TenantKeyring.open(paths.keyring(), MasterKey.load(paths, Map.of()))));
        for (int i = 0; i < wavs.size(); i++) {
            String tenant = CallReference.read(wavs.get(i).resolveSibling(SCRIPTS.get(i) + ".json")).tenant();
            RecordingKey key = new RecordingKey(tenant, callIds.get(i));
            Path file = ((FileSystemRecordingStore) archive.store()).file(key);
            long deadline = System.currentTimeMillis() + 120_000;
            while (!Files.exists(file) && System.currentTimeMillis() < deadline) {
                Thread.sleep(250);
            }
            assertTrue(Files.exists(file), "no archived recording at " + file);
            byte[] stored = Files.readAllBytes(file);
            WavAudio source = WavFile.read(wavs.get(i));
            assertTrue(indexOf(stored, "RIFF".getBytes(StandardCharsets.US_ASCII)) < 0, "no WAV header in the archive file");
            assertTrue(indexOf(stored, java.util.Arrays.copyOfRange(source.channelBytes()[0], 16_000, 16_064)) < 0,
                    "no run of the source audio in the archive file");
            DualTrackRecording recording = archive.open(key).orElseThrow();
            assertArrayEquals(Pcm.decode(source.codec(), source.channelBytes()[0]), recording.pcm(Track.CUSTOMER), key + " customer");
            assertArrayEquals(Pcm.decode(source.codec(), source.channelBytes()[1]), recording.pcm(Track.AGENT), key + " agent");
            String otherTenant = tenant.equals("acme-bank") ? "nova-telecom" : "acme-bank";
            Files.createDirectories(file.getParent().resolveSibling(otherTenant));
            Files.copy(file, file.getParent().resolveSibling(otherTenant).resolve(file.getFileName()));
            assertThrows(EnvelopeException.class, () -> archive.open(new RecordingKey(otherTenant, key.callId())),
                    "a recording moved to another tenant does not open with that tenant's key");
            Files.delete(file.getParent().resolveSibling(otherTenant).resolve(file.getFileName()));
        }
    }

    /** import refuses a tenant the registry does not know; the job dead-letters one that slips past (another producer). */
    @Test
    @Order(9)
    void unknownTenantsAreRefusedAtImportAndDeadLetteredByTheJob() throws Exception {
        Path wav = work.resolve("globex.wav");
        Files.copy(wavs.get(0), wav);
        Files.writeString(work.resolve("globex.json"), "{\"tenant\": \"globex\", \"callId\": \"globex-1\"}");
        ImportResult refused = ImportCommand.importCalls(stack.config().kafkaBootstrap(), registry, "demo", 100, List.of(wav)).get(0);
        assertTrue(refused.error().contains("unknown tenant 'globex'"), refused.describe());

        String callId = "intruder-" + UUID.randomUUID();
        try (KafkaCallSink sink = KafkaCallSink.perCallTransaction(stack.config().kafkaBootstrap())) {
            var call = sink.start(new CallEvent("globex", callId, CallEvent.Type.STARTED, CallEvent.Direction.INBOUND, null,
                    null, null, null, List.of(Track.CUSTOMER), 0, 0, "x.wav", 1));
            call.frames(List.of(new AudioFrame("globex", callId, Track.CUSTOMER, 0, 0, AudioCodec.PCMU, 8000, new byte[800], true)));
            call.end(new CallEvent("globex", callId, CallEvent.Type.ENDED, CallEvent.Direction.INBOUND, null,
                    null, null, null, List.of(Track.CUSTOMER), 0, 100, "x.wav", 2));
        }
        JsonCodec<DeadLetter> codec = JsonCodec.of(DeadLetter.class);
        List<DeadLetter> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = committedReader()) {
            consumer.subscribe(List.of(Topics.DEAD_LETTER));
            long deadline = System.currentTimeMillis() + 120_000;
            while (found.size() < 3 && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    DeadLetter letter = codec.decode(r.value());
                    if (letter.key() != null && letter.key().startsWith(callId)) {
                        found.add(letter);
                    }
                }
            }
        }
        assertEquals(3, found.size(), "STARTED, the frame and ENDED of the unknown tenant: " + found);
        assertTrue(found.stream().allMatch(d -> d.stage().equals("tenant") && d.reason().contains("unknown tenant 'globex'")),
                found.toString());
        assertTrue(es.transcript(callId).isEmpty(), "nothing of it was indexed");
    }

    /** The demo's API keys, AudioHook secrets and the master key appear in no log, Kafka record or ES document. */
    /**
     * Three calls streamed at once over AudioHook, as a softswitch does: their transcripts come back on the socket
     * while they run, are indexed like imported calls' and their recordings archived whole.
     */
    @Test
    @Order(10)
    void liveCallsOverAudioHookAreTranscribedBackIndexedAndArchived() throws Exception {
        TenantPaths paths = TenantPaths.resolve(stack.config().dataDir(), null, Map.of());
        URI url = URI.create(IngestService.audioHookUrl(stack.config()));
        long since = System.currentTimeMillis();
        List<AudioHookClient> clients = new ArrayList<>();
        List<java.util.concurrent.Future<AudioHookClient.Summary>> running = new ArrayList<>();
        Map<String, List<TranscriptEvent>> received = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(wavs.size());
        try {
            for (int i = 0; i < wavs.size(); i++) {
                String tenant = CallReference.read(wavs.get(i).resolveSibling(SCRIPTS.get(i) + ".json")).tenant();
                ReplayCommand.Credentials who = ReplayCommand.demoCredentials(paths.demoKeys(), tenant);
                AudioHookClient client = new AudioHookClient(AudioHookClient.Options.of(url, who.apiKey())
                        .withSecret(who.secret()).withOrganizationId(UUID.randomUUID()).withSpeed(1.5));
                clients.add(client);
                List<TranscriptEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
                received.put(client.sessionId().toString(), events);
                ReplayAudio audio = ReplayAudio.read(wavs.get(i));
                running.add(pool.submit(() -> client.run(audio, events::add)));
            }
            for (var f : running) {
                AudioHookClient.Summary summary = f.get(5, java.util.concurrent.TimeUnit.MINUTES);
                assertTrue(summary.ok(), () -> "live call did not close cleanly: " + summary);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> liveIds = clients.stream().map(c -> c.sessionId().toString()).toList();
        for (String id : liveIds) {
            List<TranscriptEvent> events = received.get(id);
            assertTrue(events.stream().anyMatch(e -> e.isFinal() && e.customer()), id + ": no customer final came back");
            assertTrue(events.stream().anyMatch(e -> e.isFinal() && !e.customer()), id + ": no agent final came back");
            assertTrue(events.stream().anyMatch(e -> !e.isFinal()), id + ": no partial came back");
        }
        Set<String> done = es.awaitTranscribed(liveIds, since, INDEXING_TIMEOUT, n -> { });
        assertEquals(Set.copyOf(liveIds), done, "live calls indexed");
        RecordingArchive archive = new RecordingArchive(new FileSystemRecordingStore(FlinkJobs.archiveDir(stack.config())),
                new EnvelopeCipher(TenantKeyring.open(paths.keyring(), MasterKey.load(paths, Map.of()))));
        for (int i = 0; i < wavs.size(); i++) {
            String tenant = CallReference.read(wavs.get(i).resolveSibling(SCRIPTS.get(i) + ".json")).tenant();
            List<TranscriptQueries.Line> lines = es.transcript(liveIds.get(i));
            WordErrorRate.Score score = new DemoCalls.DemoCall(wavs.get(i), CallReference.read(
                    wavs.get(i).resolveSibling(SCRIPTS.get(i) + ".json"))).score(lines);
            System.out.printf("live %s: WER %.1f %% over %d words, %d transcript events back%n", liveIds.get(i),
                    100 * score.rate(), score.referenceWords(), received.get(liveIds.get(i)).size());
            assertTrue(score.rate() <= 0.40, liveIds.get(i) + " WER " + score.rate());
            RecordingKey key = new RecordingKey(tenant, liveIds.get(i));
            Path file = ((FileSystemRecordingStore) archive.store()).file(key);
            long deadline = System.currentTimeMillis() + 120_000;
            while (!Files.exists(file) && System.currentTimeMillis() < deadline) {
                Thread.sleep(250);
            }
            DualTrackRecording recording = archive.open(key).orElseThrow(() -> new AssertionError("not archived: " + key));
            WavAudio source = WavFile.read(wavs.get(i));
            assertArrayEquals(Pcm.decode(source.codec(), source.channelBytes()[0]), recording.pcm(Track.CUSTOMER),
                    key + ": the archived customer track is the streamed audio");
            assertArrayEquals(Pcm.decode(source.codec(), source.channelBytes()[1]), recording.pcm(Track.AGENT), key + " agent");
        }
    }

    @Test
    @Order(11)
    void secretsNeverReachLogsKafkaOrElasticsearch() throws Exception {
        TenantPaths paths = TenantPaths.resolve(stack.config().dataDir(), null, Map.of());
        List<String> secrets = new ArrayList<>();
        JsonCodec.MAPPER.readTree(paths.demoKeys().toFile()).path("tenants").forEach(t -> {
            secrets.add(t.path("ingest").path("key").asText());
            secrets.add(t.path("qa").path("key").asText());
            secrets.add(t.path("audiohook_secret").asText());
        });
        secrets.add(Files.readString(paths.masterKeyFile()).trim());
        assertEquals(10, secrets.stream().filter(x -> x.length() >= 20).distinct().count(), secrets.size() + " secrets read");

        StringBuilder seen = new StringBuilder();
        try (var logs = Files.walk(stack.config().dataDir())) {
            for (Path log : logs.filter(f -> f.toString().endsWith(".log") || f.toString().endsWith(".out")).toList()) {
                seen.append(Files.readString(log, StandardCharsets.ISO_8859_1));
            }
        }
        try (KafkaConsumer<String, byte[]> consumer = committedReader()) {
            consumer.subscribe(List.of(Topics.EVENTS, Topics.TRANSCRIPTS, Topics.INSIGHTS, Topics.SEGMENTS,
                    Topics.DEAD_LETTER, Topics.RECORDINGS));
            long deadline = System.currentTimeMillis() + 15_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    seen.append(r.key()).append(new String(r.value(), StandardCharsets.ISO_8859_1));
                }
            }
        }
        for (String id : callIds) {
            seen.append(es.call(id));
            es.utterances(id).forEach(seen::append);
        }
        assertTrue(seen.length() > 10_000, "read logs, records and documents: " + seen.length() + " chars");
        for (String secret : secrets) {
            assertTrue(seen.indexOf(secret) < 0, "a secret of the demo tenants leaked (" + secret.substring(0, 6) + "...)");
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A fresh consumer group reading committed records from the start. */
    private KafkaConsumer<String, byte[]> committedReader() {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.config().kafkaBootstrap());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** `up` started the VoiceBot gateway too: a scripted caller reports a lost card and is put through. */
    @Test
    @Order(12)
    void theStacksVoiceBotAnswersASimulatedCall() {
        int exit = new picocli.CommandLine(new SimulateCallCommand()).execute("--script", "lost-card",
                "--data-dir", stack.config().dataDir().toString(), "--url", VoicebotService.mediaStreamUrl(stack.config()));
        assertEquals(0, exit, "the simulated call was answered line by line and ended by the bot");
    }
}
