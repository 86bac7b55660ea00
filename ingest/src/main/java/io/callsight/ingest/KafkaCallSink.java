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
 *
 * <p>{@link #streaming} is for live calls: many calls at once, each record sent as it comes (idempotent producer,
 * {@code acks=all}, no transaction), so the speech job hears a call while it is still going on. A failed
 * {@code frames}/{@code update} there leaves the call open: the records before the failing one were handed to the
 * producer, the failing one and those after it were not, and the caller may send them again (live ingest retries
 * while Kafka is away). {@code end} waits until every record of the call is acknowledged.
 */
public final class KafkaCallSink implements CallSink {
    private static final JsonCodec<CallEvent> EVENTS = JsonCodec.of(CallEvent.class);

    private final KafkaProducer<String, byte[]> producer;
    private final boolean streaming;
    private final long endTimeoutMs;
    private Transaction open;

    private KafkaCallSink(KafkaProducer<String, byte[]> producer, boolean streaming, long endTimeoutMs) {
        this.producer = producer;
        this.streaming = streaming;
        this.endTimeoutMs = endTimeoutMs;
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
        return new KafkaCallSink(producer, false, 0);
    }

    /**
     * Records sent as they come, any number of calls at once, for live calls.
     *
     * @param maxBlockMs how long a send may wait for a broker before it fails (the caller's thread waits that long
     *                   when Kafka is away: call it from a publishing thread, never from a network thread)
     */
    public static KafkaCallSink streaming(String bootstrapServers, long maxBlockMs) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "callsight-live-" + UUID.randomUUID());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlockMs);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        return new KafkaCallSink(producer, true, 130_000);
    }

    static ProducerRecord<String, byte[]> record(CallEvent event) {
        return new ProducerRecord<>(Topics.EVENTS, event.callId(), EVENTS.encode(event));
    }

    static ProducerRecord<String, byte[]> record(AudioFrame frame) {
        return new ProducerRecord<>(Topics.AUDIO, frame.trackKey(), AudioFrameCodec.encode(frame));
    }

    @Override
    public OpenCall start(CallEvent started) throws PublishException {
        if (streaming) {
            requireType(started, CallEvent.Type.STARTED);
            StreamingCall call = new StreamingCall(started.callId());
            call.send(record(started));
            return call;
        }
        return startTransaction(started);
    }

    private synchronized OpenCall startTransaction(CallEvent started) throws PublishException {
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
        public void update(CallEvent updated) throws PublishException {
            requireOpen();
            requireType(updated, CallEvent.Type.UPDATED);
            try {
                send(record(updated));
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

    /** A live call: records go out one by one; failures of acknowledged-later records surface at the next call. */
    private final class StreamingCall implements OpenCall {
        private final String callId;
        private long pending;
        private Exception asyncFailure;
        private boolean done;

        StreamingCall(String callId) {
            this.callId = callId;
        }

        void send(ProducerRecord<String, byte[]> record) throws PublishException {
            synchronized (this) {
                pending++;
            }
            try {
                producer.send(record, (metadata, error) -> acknowledged(error));
            } catch (RuntimeException e) {
                acknowledged(null); // never handed over: nothing will call back
                throw new PublishException("Kafka did not take a record of call " + callId + ": " + e.getMessage(), e);
            }
        }

        private synchronized void acknowledged(Exception error) {
            pending--;
            if (error != null && asyncFailure == null) {
                asyncFailure = error;
            }
            notifyAll();
        }

        private synchronized void requireHealthy() throws PublishException {
            if (done) {
                throw new IllegalStateException("call " + callId + " is no longer open");
            }
            if (asyncFailure != null) {
                throw new PublishException("Kafka lost records of call " + callId + ": " + asyncFailure.getMessage(),
                        asyncFailure);
            }
        }

        @Override
        public void frames(List<AudioFrame> frames) throws PublishException {
            requireHealthy();
            for (AudioFrame frame : frames) {
                if (!frame.callId().equals(callId)) {
                    throw new IllegalArgumentException("frame " + frame.trackKey() + " is not of call " + callId);
                }
                send(record(frame));
            }
        }

        @Override
        public void update(CallEvent updated) throws PublishException {
            requireHealthy();
            requireType(updated, CallEvent.Type.UPDATED);
            send(record(updated));
        }

        @Override
        public void end(CallEvent ended) throws PublishException {
            requireHealthy();
            requireType(ended, CallEvent.Type.ENDED);
            send(record(ended));
            long deadline = System.currentTimeMillis() + endTimeoutMs;
            synchronized (this) {
                try {
                    while (pending > 0 && asyncFailure == null && System.currentTimeMillis() < deadline) {
                        wait(Math.max(1, deadline - System.currentTimeMillis()));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (pending > 0 && asyncFailure == null) {
                    throw new PublishException("call " + callId + ": " + pending + " records not acknowledged in time");
                }
                requireHealthy();
                done = true;
            }
        }

        @Override
        public synchronized void abandon() {
            done = true; // what was sent stays: a live call's readers have seen it already
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
