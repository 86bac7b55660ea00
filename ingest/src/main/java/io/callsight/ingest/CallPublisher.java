package io.callsight.ingest;

import io.callsight.events.AudioFrame;
import io.callsight.events.AudioFrameCodec;
import io.callsight.events.AudioFrames;
import io.callsight.events.CallEvent;
import io.callsight.events.JsonCodec;
import io.callsight.events.Topics;
import io.callsight.events.Track;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes recorded calls to Kafka, one Kafka transaction per call: consumers reading committed data see
 * a call whole or not at all, never half-written, even if the importer dies mid-file.
 */
public final class CallPublisher implements AutoCloseable {
    private static final JsonCodec<CallEvent> EVENTS = JsonCodec.of(CallEvent.class);

    private final KafkaProducer<String, byte[]> producer;
    private final int frameMs;

    public CallPublisher(String bootstrapServers, int frameMs) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "callsight-import-" + UUID.randomUUID());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.producer.initTransactions();
        this.frameMs = frameMs;
    }

    /** Publishes the call in one transaction; returns the number of audio frames sent. */
    public int publish(CallRecording call) throws ImportException {
        List<AudioFrame> frames = framesInTimeOrder(call);
        long durationMs = call.audio().durationMs();
        long startedAt = call.startTime() != null ? call.startTime().toEpochMilli() : 0L;
        try {
            producer.beginTransaction();
            List<Future<RecordMetadata>> sends = new ArrayList<>(frames.size() + 2);
            sends.add(sendEvent(call, CallEvent.Type.STARTED, startedAt, 0));
            for (AudioFrame frame : frames) {
                sends.add(producer.send(new ProducerRecord<>(Topics.AUDIO, frame.trackKey(),
                        AudioFrameCodec.encode(frame))));
            }
            sends.add(sendEvent(call, CallEvent.Type.ENDED, startedAt, durationMs));
            producer.commitTransaction();
            for (Future<RecordMetadata> send : sends) {
                send.get(); // surfaces a per-record failure the commit would also have reported
            }
            return frames.size();
        } catch (Exception e) {
            abortQuietly();
            throw new ImportException("Kafka rejected the call, nothing was published: " + e.getMessage(), e);
        }
    }

    private Future<RecordMetadata> sendEvent(CallRecording call, CallEvent.Type type, long startedAt,
            long durationMs) {
        CallEvent event = new CallEvent(call.tenant(), call.callId(), type, call.direction(),
                hash(call.metadata().ani()), call.metadata().dnis(), call.metadata().agentId(),
                call.metadata().campaign(), call.tracks(), startedAt, durationMs,
                call.file().getFileName().toString(), Instant.now().toEpochMilli());
        return producer.send(new ProducerRecord<>(Topics.EVENTS, call.callId(), EVENTS.encode(event)));
    }

    /** Interleaves the tracks by time, the order a live stream would deliver them in. */
    private List<AudioFrame> framesInTimeOrder(CallRecording call) {
        List<AudioFrame> all = new ArrayList<>();
        for (int channel = 0; channel < call.tracks().size(); channel++) {
            Track track = call.tracks().get(channel);
            all.addAll(AudioFrames.slice(call.tenant(), call.callId(), track, call.audio().codec(),
                    call.audio().sampleRate(), call.audio().channelBytes()[channel], frameMs));
        }
        all.sort(Comparator.comparingLong(AudioFrame::startMs).thenComparing(AudioFrame::track));
        return all;
    }

    static String hash(String ani) {
        if (ani == null || ani.isBlank()) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(ani.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void abortQuietly() {
        try {
            producer.abortTransaction();
        } catch (RuntimeException ignored) {
            // the producer may be fenced or closed; the transaction then times out on the broker, unseen
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
