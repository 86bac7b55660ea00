package io.callsight.ingest;

import io.callsight.events.AudioFrame;
import io.callsight.events.AudioFrameCodec;
import io.callsight.events.CallEvent;
import io.callsight.events.JsonCodec;
import io.callsight.events.Topics;
import java.util.ArrayList;
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
 * Publishes calls to Kafka: events on {@link Topics#EVENTS} keyed by call id, frames on {@link Topics#AUDIO} keyed
 * by {@code callId/TRACK} (so a track's frames stay in order on one partition).
 *
 * <p>{@link #perCallTransaction} wraps each call in one Kafka transaction: consumers reading committed data (the
 * speech job) see a recorded call whole or not at all, never half-written, even if the importer dies mid-file.
 * A producer holds one transaction at a time, so such a sink publishes one call at a time.
 */
public final class KafkaCallSink implements CallSink {
    private static final JsonCodec<CallEvent> EVENTS = JsonCodec.of(CallEvent.class);

    private final KafkaProducer<String, byte[]> producer;
    private Transaction open;

    private KafkaCallSink(KafkaProducer<String, byte[]> producer) {
        this.producer = producer;
    }

    /** One Kafka transaction per call, for recorded calls: a call is published whole or not at all. */
    public static KafkaCallSink perCallTransaction(String bootstrapServers) {
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
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
        return new KafkaCallSink(producer);
    }

    static ProducerRecord<String, byte[]> record(CallEvent event) {
        return new ProducerRecord<>(Topics.EVENTS, event.callId(), EVENTS.encode(event));
    }

    static ProducerRecord<String, byte[]> record(AudioFrame frame) {
        return new ProducerRecord<>(Topics.AUDIO, frame.trackKey(), AudioFrameCodec.encode(frame));
    }

    @Override
    public synchronized OpenCall start(CallEvent started) throws PublishException {
        if (open != null) {
            throw new IllegalStateException("call " + open.callId + " is still open: this sink publishes one call at a time");
        }
        requireType(started, CallEvent.Type.STARTED);
        Transaction call = new Transaction(started.callId());
        try {
            producer.beginTransaction();
            open = call;
            call.send(record(started));
        } catch (RuntimeException e) {
            call.fail(e);
        }
        return call;
    }

    private static void requireType(CallEvent event, CallEvent.Type type) {
        if (event.type() != type) {
            throw new IllegalArgumentException("expected a " + type + " event for call " + event.callId() + ", got " + event.type());
        }
    }

    private final class Transaction implements OpenCall {
        private final String callId;
        private final List<Future<RecordMetadata>> sends = new ArrayList<>();
        private boolean done;

        Transaction(String callId) {
            this.callId = callId;
        }

        void send(ProducerRecord<String, byte[]> record) {
            sends.add(producer.send(record));
        }

        @Override
        public void frames(List<AudioFrame> frames) throws PublishException {
            requireOpen();
            try {
                for (AudioFrame frame : frames) {
                    if (!frame.callId().equals(callId)) {
                        throw new IllegalArgumentException("frame " + frame.trackKey() + " is not of call " + callId);
                    }
                    send(record(frame));
                }
            } catch (RuntimeException e) {
                fail(e);
            }
        }

        @Override
        public void end(CallEvent ended) throws PublishException {
            requireOpen();
            requireType(ended, CallEvent.Type.ENDED);
            try {
                send(record(ended));
                producer.commitTransaction();
                for (Future<RecordMetadata> send : sends) {
                    send.get(); // surfaces a per-record failure the commit would also have reported
                }
            } catch (Exception e) {
                fail(e);
            }
            close(false);
        }

        @Override
        public void abandon() {
            if (!done) {
                close(true);
            }
        }

        private void requireOpen() {
            if (done) {
                throw new IllegalStateException("call " + callId + " is no longer open");
            }
        }

        private void fail(Exception e) throws PublishException {
            close(true);
            throw new PublishException("Kafka rejected the call, nothing was published: " + e.getMessage(), e);
        }

        private void close(boolean abort) {
            done = true;
            synchronized (KafkaCallSink.this) {
                if (open == this) {
                    open = null;
                }
            }
            if (abort) {
                try {
                    producer.abortTransaction();
                } catch (RuntimeException ignored) {
                    // fenced or closed: the transaction then times out on the broker, unseen by read_committed readers
                }
            }
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
