package io.callsight.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.callsight.events.AudioCodec;
import io.callsight.events.AudioFrame;
import io.callsight.events.AudioFrameCodec;
import io.callsight.events.CallEvent;
import io.callsight.events.JsonCodec;
import io.callsight.events.Topics;
import io.callsight.events.Track;
import io.callsight.stack.EmbeddedKafka;
import io.callsight.stack.StackConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming sink (live calls) against a real KRaft broker: two calls at once, records visible as they come. */
@Tag("stack")
class StreamingKafkaCallSinkIntegrationTest {
    @TempDir
    static Path dataDir;
    private static EmbeddedKafka kafka;
    private static String bootstrap;

    @BeforeAll
    static void startBroker() {
        StackConfig config = StackConfig.builder().dataDir(dataDir).kafkaPort(29400).kafkaControllerPort(29401).build();
        kafka = new EmbeddedKafka(config);
        kafka.start();
        kafka.awaitHealthy(EmbeddedKafka.DEFAULT_HEALTH_TIMEOUT);
        kafka.ensureTopics(Map.of(Topics.EVENTS, 1, Topics.AUDIO, 2));
        bootstrap = config.kafkaBootstrap();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.stop(Duration.ofSeconds(20));
        }
    }

    private static CallEvent event(String callId, CallEvent.Type type) {
        return new CallEvent("acme", callId, type, CallEvent.Direction.UNKNOWN, null, null, null, null,
                List.of(Track.CUSTOMER, Track.AGENT), 0, 0, "audiohook", 1, "conv-" + callId, "en-US", null,
                type == CallEvent.Type.ENDED ? "end" : null);
    }

    private static AudioFrame frame(String callId, Track track, int seq) {
        return new AudioFrame("acme", callId, track, seq, seq * 100L, AudioCodec.PCMU, 8000, new byte[800], false);
    }

    @Test
    void twoLiveCallsAtOnceAreReadableBeforeTheyEnd() throws Exception {
        try (KafkaCallSink sink = KafkaCallSink.streaming(bootstrap, 5_000)) {
            CallSink.OpenCall a = sink.start(event("a", CallEvent.Type.STARTED));
            CallSink.OpenCall b = sink.start(event("b", CallEvent.Type.STARTED));
            for (int seq = 0; seq < 3; seq++) {
                a.frames(List.of(frame("a", Track.CUSTOMER, seq), frame("a", Track.AGENT, seq)));
                b.frames(List.of(frame("b", Track.CUSTOMER, seq)));
            }
            a.update(event("a", CallEvent.Type.UPDATED));
            assertThrows(IllegalArgumentException.class, () -> a.update(event("a", CallEvent.Type.STARTED)));
            List<ConsumerRecord<String, byte[]>> beforeEnd = read(2 + 1 + 9);
            assertEquals(9, beforeEnd.stream().filter(r -> r.topic().equals(Topics.AUDIO)).count(),
                    "frames are there while the calls go on");
            a.end(event("a", CallEvent.Type.ENDED));
            b.end(event("b", CallEvent.Type.ENDED));
        }
        List<ConsumerRecord<String, byte[]>> all = read(2 + 1 + 9 + 2);
        List<String> events = all.stream().filter(r -> r.topic().equals(Topics.EVENTS))
                .map(r -> JsonCodec.of(CallEvent.class).decode(r.value()))
                .map(e -> e.callId() + ":" + e.type() + ":" + e.conversationId()).toList();
        assertEquals(List.of("a:STARTED:conv-a", "b:STARTED:conv-b", "a:UPDATED:conv-a", "a:ENDED:conv-a",
                "b:ENDED:conv-b"), events);
        for (String key : List.of("a/CUSTOMER", "a/AGENT", "b/CUSTOMER")) {
            List<Long> seqs = all.stream().filter(r -> r.topic().equals(Topics.AUDIO) && r.key().equals(key))
                    .map(r -> AudioFrameCodec.decode(r.value()).seq()).toList();
            assertEquals(List.of(0L, 1L, 2L), seqs, key);
        }
    }

    private static List<ConsumerRecord<String, byte[]>> read(int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "streaming-test-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"); // as the speech job reads
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.EVENTS, Topics.AUDIO));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(250)).forEach(out::add);
            }
        }
        out.sort(java.util.Comparator.comparingLong(ConsumerRecord::offset));
        return out;
    }
}
