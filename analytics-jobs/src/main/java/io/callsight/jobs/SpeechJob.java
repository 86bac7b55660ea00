package io.callsight.jobs;

import io.callsight.asr.recognition.FrontEndConfig;
import io.callsight.asr.recognition.VoskModelLocator;
import io.callsight.asr.recognition.VoskModelVariant;
import io.callsight.asr.recognition.VoskRecognizer;
import io.callsight.events.AudioFrame;
import io.callsight.events.AudioFrameCodec;
import io.callsight.events.CallEvent;
import io.callsight.events.DeadLetter;
import io.callsight.events.Insight;
import io.callsight.events.JsonCodec;
import io.callsight.events.RecordingArchived;
import io.callsight.events.SpeechSegmentEvent;
import io.callsight.events.Topics;
import io.callsight.events.Utterance;
import io.callsight.jobs.archive.ArchiveInput;
import io.callsight.jobs.archive.ArchiveRecordings;
import io.callsight.jobs.archive.ArchiveSettings;
import io.callsight.jobs.elasticsearch.ElasticsearchSink;
import io.callsight.jobs.kafka.KafkaConnections;
import io.callsight.jobs.kafka.KeyedBytes;
import io.callsight.jobs.kafka.RawRecord;
import io.callsight.jobs.speech.AnalyzeUtterances;
import io.callsight.jobs.speech.AnalyzedUtterance;
import io.callsight.jobs.speech.BuildCallDocuments;
import io.callsight.jobs.speech.CallDocument;
import io.callsight.jobs.speech.CallUpdate;
import io.callsight.jobs.speech.DeadLetters;
import io.callsight.jobs.speech.DecodeRecords;
import io.callsight.jobs.speech.Documents;
import io.callsight.jobs.speech.KnownTenants;
import io.callsight.jobs.speech.TrackSummary;
import io.callsight.jobs.speech.TrackPlacement;
import io.callsight.jobs.speech.TranscribeTracks;
import io.callsight.search.ElasticsearchClients;
import io.callsight.search.ElasticsearchDocument;
import io.callsight.search.IndexTemplates;
import io.callsight.search.Indices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Calls in, searchable transcripts out:
 *
 * <pre>
 * calls.audio ─decode─▶ keyBy(call/track) ─TranscribeTracks (VAD, Vosk)─▶ utterances ─AnalyzeUtterances (NLU, redaction)─┐
 *                                                      │ (finals + partials)  calls.transcripts ◀── finals + partials ─┤
 *                                                      │                 ES utterances, calls.insights ◀── finals ─┤
 *                                                      ├─ speech segments (VAD) ─▶ calls.segments                 │
 *                                                      └─ track summaries ─┐                     redacted utterances │
 * calls.events ─decode──────────────────────────────────────────────────────┴▶ keyBy(call) ◀───────────────────────┘
 *                                                    BuildCallDocuments (status, counts, compliance) ─▶ ES calls
 * audio + events of a call ─▶ keyBy(call) ─ArchiveRecordings (once ended: stereo WAV, sealed)─▶ archive, calls.recordings
 * anything undecodable or failing, and every record of a tenant not in the registry ─▶ calls.deadletter
 * </pre>
 *
 * AnalyzeUtterances is keyed by call/track too: it keeps the end of each track's last utterance, for personal
 * numbers a pause split in two. Partial transcripts ride in the same per-track stream as the finals up to the
 * transcripts topic, so a consumer never gets a partial after the final that replaces it; they are only redacted,
 * and filtered out before anything that indexes, counts or judges.
 * <p>Latency (docs/latency.md): the job has no event-time windows or watermarks on the way from audio to
 * transcript; the network buffers between its operators flush after {@link SpeechJobConfig#bufferTimeoutMs}
 * rather than Flink's 100 ms default, and the Kafka sink sends after {@link KafkaConnections#SINK_LINGER_MS}.
 *
 * Sources and sinks are parameters ({@link #build}) so tests run the same topology on other endpoints.
 */
public final class SpeechJob {
    private static final JsonCodec<Utterance> UTTERANCE_JSON = JsonCodec.of(Utterance.class);
    private static final JsonCodec<CallEvent> EVENT_JSON = JsonCodec.of(CallEvent.class);
    private static final JsonCodec<SpeechSegmentEvent> SEGMENT_JSON = JsonCodec.of(SpeechSegmentEvent.class);
    private static final JsonCodec<Insight> INSIGHT_JSON = JsonCodec.of(Insight.class);
    private static final JsonCodec<RecordingArchived> RECORDING_JSON = JsonCodec.of(RecordingArchived.class);
    private static final long CALL_STATE_RETENTION_MS = Duration.ofDays(1).toMillis();

    private SpeechJob() {
    }

    private static final class FrameTenancy implements KnownTenants.Tenancy<AudioFrame> {
        @Override
        public String tenant(AudioFrame f) {
            return f.tenant();
        }

        @Override
        public String key(AudioFrame f) {
            return f.trackKey();
        }

        @Override
        public byte[] payload(AudioFrame f) {
            return AudioFrameCodec.encode(f);
        }
    }

    private static final class EventTenancy implements KnownTenants.Tenancy<CallEvent> {
        @Override
        public String tenant(CallEvent e) {
            return e.tenant();
        }

        @Override
        public String key(CallEvent e) {
            return e.callId();
        }

        @Override
        public byte[] payload(CallEvent e) {
            return EVENT_JSON.encode(e);
        }
    }

    public static void main(String[] args) throws Exception {
        SpeechJobConfig config = SpeechJobConfig.fromArgs(args, System.getenv());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        configure(env, config);
        build(env, config);
        env.execute("callsight-speech");
    }

    public static void configure(StreamExecutionEnvironment env, SpeechJobConfig config) {
        env.setParallelism(config.parallelism());
        env.enableCheckpointing(config.checkpointIntervalMs());
        env.getConfig().setAutoWatermarkInterval(0);
        env.setBufferTimeout(config.bufferTimeoutMs());
    }

    /** Wires the job against Kafka and Elasticsearch, installing the index templates first. */
    public static void build(StreamExecutionEnvironment env, SpeechJobConfig config) throws Exception {
        try (var client = ElasticsearchClients.connect(config.esUrl(), config.esApiKey())._transport()) {
            IndexTemplates.install(new co.elastic.clients.elasticsearch.ElasticsearchClient(client));
        }
        Source<RawRecord, ?, ?> source = KafkaConnections.source(config.kafkaBootstrap(), config.groupId(),
                List.of(Topics.AUDIO, Topics.EVENTS));
        Sink<KeyedBytes> kafka = KafkaConnections.sink(config.kafkaBootstrap());
        Sink<ElasticsearchDocument> elasticsearch = new ElasticsearchSink(config.esUrl(), config.esApiKey(), 1000);
        String model = config.voskModel() != null ? config.voskModel() : VoskModelLocator.locate().toString();
        if (config.archive() != null) {
            config.archive().open(); // a missing or wrong master key fails the submission, not a task later
        }
        int framesPerChunk = config.voskFramesPerChunk();
        build(env, source, kafka, elasticsearch,
                () -> new VoskRecognizer(VoskModelVariant.withFramesPerChunkOrAsShipped(Path.of(model), framesPerChunk)), config.frontEnd(),
                config.trackIdleTimeoutMs(), config.partialIntervalMs(),
                new AnalyzeUtterances.Settings(config.modelsDir(), config.modelRefreshMs()),
                new Tenancy(config.tenantsFile(), config.archive()));
    }

    /**
     * Which tenants the job serves and where their recordings go.
     *
     * @param registryFile the tenant registry; null accepts every tenant
     * @param archive      where recordings are archived; null archives nothing
     */
    public record Tenancy(String registryFile, ArchiveSettings archive) {
        public static Tenancy open() {
            return new Tenancy(null, null);
        }
    }

    public static void build(StreamExecutionEnvironment env, Source<RawRecord, ?, ?> source, Sink<KeyedBytes> kafka,
            Sink<ElasticsearchDocument> elasticsearch, TranscribeTracks.RecognizerFactory recognizers,
            FrontEndConfig frontEnd, long trackIdleTimeoutMs, AnalyzeUtterances.Settings nlu, Tenancy tenancy) {
        build(env, source, kafka, elasticsearch, recognizers, frontEnd, trackIdleTimeoutMs,
                io.callsight.asr.recognition.PartialThrottle.DEFAULT_INTERVAL_MS, nlu, tenancy);
    }

    /** {@code partialIntervalMs}: least time between two partial transcripts of a track; 0 publishes none. */
    public static void build(StreamExecutionEnvironment env, Source<RawRecord, ?, ?> source, Sink<KeyedBytes> kafka,
            Sink<ElasticsearchDocument> elasticsearch, TranscribeTracks.RecognizerFactory recognizers,
            FrontEndConfig frontEnd, long trackIdleTimeoutMs, long partialIntervalMs, AnalyzeUtterances.Settings nlu,
            Tenancy tenancy) {
        DataStream<RawRecord> records = env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka: calls")
                .uid("kafka-source");

        SingleOutputStreamOperator<AudioFrame> frames = records
                .filter(r -> Topics.AUDIO.equals(r.topic())).name("audio records")
                .process(new DecodeRecords<>("decode-audio", AudioFrame.class, AudioFrameCodec::decode)).name("decode audio frames")
                .uid("decode-audio");
        SingleOutputStreamOperator<CallEvent> events = records
                .filter(r -> Topics.EVENTS.equals(r.topic())).name("event records")
                .process(new DecodeRecords<>("decode-event", CallEvent.class, EVENT_JSON::decode)).name("decode call events")
                .uid("decode-events");
        List<DataStream<DeadLetter>> rejected = new ArrayList<>();
        DataStream<AudioFrame> knownFrames = frames;
        DataStream<CallEvent> knownEvents = events;
        if (tenancy.registryFile() != null) {
            SingleOutputStreamOperator<AudioFrame> f = frames
                    .process(new KnownTenants<>(tenancy.registryFile(), AudioFrame.class, new FrameTenancy()))
                    .name("known tenants (audio)").uid("known-tenants-audio");
            SingleOutputStreamOperator<CallEvent> e = events
                    .process(new KnownTenants<>(tenancy.registryFile(), CallEvent.class, new EventTenancy()))
                    .name("known tenants (events)").uid("known-tenants-events");
            rejected.add(f.getSideOutput(DeadLetters.TAG));
            rejected.add(e.getSideOutput(DeadLetters.TAG));
            knownFrames = f;
            knownEvents = e;
        }

        SingleOutputStreamOperator<Utterance> utterances = knownFrames
                .keyBy(new TrackPlacement(env.getParallelism()))
                .process(new TranscribeTracks(recognizers, frontEnd, trackIdleTimeoutMs, partialIntervalMs))
                .setMaxParallelism(TrackPlacement.MAX_PARALLELISM)
                .name("transcribe tracks (Vosk)")
                .uid("transcribe");
        // Nothing downstream of this sees unredacted text: ES, calls.transcripts and calls.insights all read `analyzed`.
        SingleOutputStreamOperator<AnalyzedUtterance> analyzed = utterances
                .keyBy(AnalyzeUtterances::trackKey) // per-track state: a number split across two utterances
                .process(new AnalyzeUtterances(nlu)).name("analyze utterances (NLU, redaction)")
                .uid("analyze");
        // Partials stop here: what is indexed, counted into call documents or published as insights is final.
        DataStream<AnalyzedUtterance> finals = analyzed.filter(AnalyzedUtterance::isFinal).name("final utterances");

        DataStream<TrackSummary> finishedTracks = utterances.getSideOutput(TranscribeTracks.TRACK_SUMMARIES);
        SingleOutputStreamOperator<CallDocument> calls = knownEvents.map(CallUpdate::of).name("call events")
                .union(finishedTracks.map(CallUpdate::of).name("finished tracks"),
                        finals.map(CallUpdate::of).name("redacted utterances"))
                .keyBy(CallUpdate::callId)
                .process(new BuildCallDocuments(CALL_STATE_RETENTION_MS, nlu)).name("build call documents (compliance)")
                .uid("call-documents");

        finals.map(Documents::utterance).name("utterance documents")
                .union(calls.map(Documents::call).name("call documents"),
                        calls.getSideOutput(BuildCallDocuments.STALE_UTTERANCES)
                                .map(id -> ElasticsearchDocument.delete(Indices.UTTERANCES, id))
                                .name("stale utterance deletions"))
                .sinkTo(elasticsearch).name("elasticsearch").uid("es-sink");

        List<DataStream<KeyedBytes>> archived = new ArrayList<>();
        if (tenancy.archive() != null) {
            SingleOutputStreamOperator<RecordingArchived> recordings = knownFrames.map(ArchiveInput::of).name("frames to archive")
                    .union(knownEvents.map(ArchiveInput::of).name("events to archive"))
                    .keyBy(ArchiveInput::callId)
                    .process(new ArchiveRecordings(tenancy.archive())).name("archive recordings (encrypted)")
                    .uid("archive");
            rejected.add(recordings.getSideOutput(DeadLetters.TAG));
            archived.add(recordings.map(r -> new KeyedBytes(Topics.RECORDINGS, r.callId(), RECORDING_JSON.encode(r)))
                    .name("recording records"));
        }
        DataStream<DeadLetter> deadLetters = frames.getSideOutput(DeadLetters.TAG)
                .union(events.getSideOutput(DeadLetters.TAG), utterances.getSideOutput(DeadLetters.TAG),
                        analyzed.getSideOutput(DeadLetters.TAG));
        for (DataStream<DeadLetter> r : rejected) {
            deadLetters = deadLetters.union(r);
        }
        analyzed.map(a -> new KeyedBytes(Topics.TRANSCRIPTS, a.utterance().callId(), UTTERANCE_JSON.encode(a.utterance())))
                .name("transcript records")
                .union(finals.filter(a -> a.insight() != null)
                                .map(a -> new KeyedBytes(Topics.INSIGHTS, a.insight().callId(), INSIGHT_JSON.encode(a.insight())))
                                .name("insight records"),
                        utterances.getSideOutput(TranscribeTracks.SPEECH_SEGMENTS)
                                .map(s -> new KeyedBytes(Topics.SEGMENTS, s.callId(), SEGMENT_JSON.encode(s)))
                                .name("speech segment records"),
                        deadLetters.map(DeadLetters::toKafka).name("dead-letter records"))
                .union(archived.toArray(DataStream[]::new))
                .sinkTo(kafka).name("kafka: transcripts + insights + segments + dead letters").uid("kafka-sink");
    }
}
