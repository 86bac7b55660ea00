package io.callsight.jobs.kafka;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Kafka sources and sinks as the jobs use them. */
public final class KafkaConnections {
    /**
     * How long the sink's producer waits to fill a batch. Kafka 4 defaults to 5 ms as well; it is set here so a
     * client upgrade cannot quietly put a partial transcript behind a longer wait (docs/latency.md).
     */
    public static final int SINK_LINGER_MS = 5;

    private KafkaConnections() {
    }

    /**
     * Reads committed data only (importers write a call per transaction), resuming from the group's committed
     * offsets, or from the earliest for a new group, so no call imported before the job started is missed.
     * Fetches return as soon as one byte is there ({@code fetch.min.bytes} 1, the default), so the consumer adds
     * no wait of its own; read_committed means a frame is seen only once its producer's transaction commits.
     */
    public static KafkaSource<RawRecord> source(String bootstrap, String groupId, List<String> topics) {
        return KafkaSource.<RawRecord>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topics)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new RawRecordDeserializer())
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .setProperty("partition.discovery.interval.ms", "10000")
                .setProperty("commit.offsets.on.checkpoint", "true")
                .build();
    }

    public static KafkaSink<KeyedBytes> sink(String bootstrap) {
        return KafkaSink.<KeyedBytes>builder()
                .setBootstrapServers(bootstrap)
                .setRecordSerializer((record, context, timestamp) -> new ProducerRecord<>(record.topic(),
                        record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8), record.value()))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setProperty("linger.ms", String.valueOf(SINK_LINGER_MS))
                .build();
    }
}
