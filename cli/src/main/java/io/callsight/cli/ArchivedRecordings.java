package io.callsight.cli;

import io.callsight.events.JsonCodec;
import io.callsight.events.RecordingArchived;
import io.callsight.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What the job announced on {@code calls.recordings}: which calls' recordings reached the archive, and how fast. */
final class ArchivedRecordings {
    private static final JsonCodec<RecordingArchived> JSON = JsonCodec.of(RecordingArchived.class);

    private ArchivedRecordings() {
    }

    /** The newest announcement per call among {@code callIds} published since {@code sinceMs}, waiting up to {@code timeout}. */
    static Map<String, RecordingArchived> await(String bootstrap, Collection<String> callIds, long sinceMs, Duration timeout) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "callsight-cli-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, RecordingArchived> found = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.RECORDINGS));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!found.keySet().containsAll(callIds) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.timestamp() >= sinceMs && callIds.contains(r.key())) {
                        found.put(r.key(), JSON.decode(r.value()));
                    }
                }
            }
        }
        return found;
    }

    /** "12 of 12 recordings archived encrypted (9.8 MB sealed); ENDED to archived: p50 310 ms, max 620 ms". */
    static String summary(Map<String, RecordingArchived> archived, int calls) {
        List<Long> latencies = new ArrayList<>(archived.values().stream().map(RecordingArchived::sinceEndedMs).sorted().toList());
        long bytes = archived.values().stream().mapToLong(RecordingArchived::sealedBytes).sum();
        if (latencies.isEmpty()) {
            return "0 of " + calls + " recordings archived yet";
        }
        return String.format(java.util.Locale.ROOT, "%d of %d recordings archived encrypted (%.1f MB sealed); ENDED to "
                        + "archived: p50 %d ms, max %d ms", archived.size(), calls, bytes / 1e6,
                latencies.get(latencies.size() / 2), latencies.get(latencies.size() - 1));
    }
}
