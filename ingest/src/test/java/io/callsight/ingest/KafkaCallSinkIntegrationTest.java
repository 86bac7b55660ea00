package io.callsight.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** The per-call-transaction sink against a real KRaft broker: readers of committed data see whole calls only. */
@Tag("stack")
class KafkaCallSinkIntegrationTest {
    @TempDir
    static Path dataDir;
    private static EmbeddedKafka kafka;
    private static String bootstrap;

    @BeforeAll
    static void startBroker() {
        StackConfig config = StackConfig.builder().dataDir(dataDir).kafkaPort(29192).kafkaControllerPort(29193).build();
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
        return new CallEvent("acme", callId, type, CallEvent.Direction.INBOUND, null, null, null, null,
                List.of(Track.CUSTOMER, Track.AGENT), 0, type == CallEvent.Type.ENDED ? 200 : 0, callId + ".wav", 1);
    }

    private static List<AudioFrame> frames(String callId) {
        List<AudioFrame> frames = new ArrayList<>();
        for (Track track : List.of(Track.CUSTOMER, Track.AGENT)) {
            for (int seq = 0; seq < 2; seq++) {
                frames.add(new AudioFrame("acme", callId, track, seq, seq * 100L, AudioCodec.PCMU, 8000, new byte[800], seq == 1));
            }
        }
        return frames;
    }

    @Test
    void aCommittedCallIsSeenWholeAndAnAbandonedOneNotAtAll() throws Exception {
        try (KafkaCallSink sink = KafkaCallSink.perCallTransaction(bootstrap)) {
            CallSink.OpenCall whole = sink.start(event("whole", CallEvent.Type.STARTED));
            whole.frames(frames("whole"));
            whole.end(event("whole", CallEvent.Type.ENDED));

            CallSink.OpenCall cut = sink.start(event("cut", CallEvent.Type.STARTED));
            cut.frames(frames("cut"));
            cut.abandon(); // the importer died mid-file, as far as readers can tell

            assertThrows(IllegalArgumentException.class, () -> sink.start(event("x", CallEvent.Type.ENDED)),
                    "a call starts with its STARTED event");
            CallSink.OpenCall after = sink.start(event("after", CallEvent.Type.STARTED));
            after.end(event("after", CallEvent.Type.ENDED));
        }

        List<ConsumerRecord<String, byte[]>> records = readCommitted(8);
        List<String> events = records.stream().filter(r -> r.topic().equals(Topics.EVENTS))
                .map(r -> JsonCodec.of(CallEvent.class).decode(r.value()))
                .map(e -> e.callId() + ":" + e.type()).toList();
        assertEquals(List.of("whole:STARTED", "whole:ENDED", "after:STARTED", "after:ENDED"), events);
        List<AudioFrame> audio = records.stream().filter(r -> r.topic().equals(Topics.AUDIO))
                .map(r -> AudioFrameCodec.decode(r.value())).toList();
        assertEquals(4, audio.size(), audio.toString());
        assertTrue(audio.stream().allMatch(f -> f.callId().equals("whole")), "nothing of the abandoned call");
        assertTrue(records.stream().filter(r -> r.topic().equals(Topics.AUDIO))
                .allMatch(r -> r.key().equals(AudioFrameCodec.decode(r.value()).trackKey())), "frames keyed by call/track");
    }

    private static List<ConsumerRecord<String, byte[]>> readCommitted(int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "sink-test");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.EVENTS, Topics.AUDIO));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            // poll a little past the expected count so a record that should not be there would show up
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                consumer.poll(Duration.ofMillis(250)).forEach(out::add);
                if (out.size() >= expected && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                }
            }
        }
        out.sort(java.util.Comparator.comparingLong(ConsumerRecord::timestamp));
        return out;
    }
}
