package io.callsight.ingest.live;

import io.callsight.events.JsonCodec;
import io.callsight.events.MalformedEventException;
import io.callsight.events.Topics;
import io.callsight.events.Utterance;
import io.callsight.ingest.audiohook.ProtocolCounters;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transcript results back to where a call is being watched: every record of {@value Topics#TRANSCRIPTS} goes to the
 * call's AudioHook session if this instance holds it, and to the call's live subscribers (SSE) here.
 *
 * <p>Every ingest instance reads the whole topic in its own consumer group ({@code callsight-ingest-<instance>},
 * starting at the latest offset, nothing committed) and keeps only its own calls, so a load balancer may put a session
 * on any instance without sticky routing (docs/live-ingest.md).
 */
public final class TranscriptConnector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TranscriptConnector.class);
    private static final JsonCodec<Utterance> UTTERANCE = JsonCodec.of(Utterance.class);
    static final Duration POLL = Duration.ofMillis(50);

    private final LiveSessions sessions;
    private final LiveCallStreams streams;
    private final ProtocolCounters counters;
    private final CountDownLatch assigned = new CountDownLatch(1);
    private volatile boolean running;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public TranscriptConnector(LiveSessions sessions, LiveCallStreams streams, ProtocolCounters counters) {
        this.sessions = sessions;
        this.streams = streams;
        this.counters = counters;
    }

    /**
     * One record of calls.transcripts. A record that is not an {@link Utterance} is logged and counted
     * ({@code transcripts.malformed}); nothing a record holds stops the caller's loop.
     */
    public void dispatch(String key, byte[] value) {
        counters.increment("transcripts.received");
        Utterance u;
        try {
            u = UTTERANCE.decode(value);
        } catch (MalformedEventException e) {
            counters.increment("transcripts.malformed");
            LOG.warn("skipped a calls.transcripts record (key {}): {}", key, e.getMessage());
            return;
        }
        dispatch(u);
    }

    /** A decoded result: to this instance's session of the call, if any, and to the call's subscribers. */
    public void dispatch(Utterance u) {
        try {
            if (sessions.sendTranscript(u)) {
                counters.increment("transcripts.to_session");
            }
            if (streams.publish(u) > 0) {
                counters.increment("transcripts.to_subscribers");
            }
        } catch (RuntimeException e) {
            counters.increment("transcripts.failed");
            LOG.warn("call {}: could not forward a transcript result: {}", u.callId(), e.toString());
        }
    }

    /** Consumes calls.transcripts on its own thread, as consumer group {@code callsight-ingest-<instanceId>}. */
    public synchronized void start(String bootstrap, UUID instanceId) {
        if (running) {
            throw new IllegalStateException("already started");
        }
        consumer = new KafkaConsumer<>(consumerProperties(bootstrap, instanceId), new StringDeserializer(),
                new ByteArrayDeserializer());
        running = true;
        thread = new Thread(this::run, "transcript-connector");
        thread.setDaemon(true);
        thread.start();
        LOG.info("Transcript Connector reading {} from {} as group callsight-ingest-{}", Topics.TRANSCRIPTS, bootstrap,
                instanceId);
    }

    static Properties consumerProperties(String bootstrap, UUID instanceId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "callsight-ingest-" + instanceId);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "callsight-ingest-" + instanceId);
        // a new instance serves only sessions opened on it: nothing before its start concerns it
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // the speech job writes transactionally: an aborted attempt's results must not reach a client
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        return p;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.TRANSCRIPTS), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    // fix the starting offsets now, so "ready" means: whatever is published from here on is seen
                    partitions.forEach(consumer::position);
                    if (!partitions.isEmpty()) {
                        assigned.countDown();
                    }
                }
            });
            while (running) {
                try {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                        dispatch(r.key(), r.value());
                    }
                } catch (WakeupException e) {
                    // close() interrupts a poll
                } catch (RuntimeException e) {
                    counters.increment("transcripts.poll_failed");
                    LOG.warn("polling {}: {}", Topics.TRANSCRIPTS, e.toString());
                    sleepQuietly(1_000);
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True once the consumer has its partitions and their starting offsets. */
    public boolean awaitAssigned(Duration timeout) throws InterruptedException {
        return assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() throws InterruptedException {
        if (!running) {
            return;
        }
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
