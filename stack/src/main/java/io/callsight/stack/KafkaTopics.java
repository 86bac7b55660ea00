package io.callsight.stack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Idempotent topic creation; works against the embedded broker and external clusters alike. */
public final class KafkaTopics {

    private KafkaTopics() {}

    /**
     * Creates each topic that does not exist yet with the given partition count and the cluster's
     * default replication factor. Existing topics are left as they are (partitions are not changed).
     */
    public static void ensure(String bootstrap, Map<String, Integer> partitionsByTopic, Duration timeout) {
        if (partitionsByTopic.isEmpty()) {
            return;
        }
        List<NewTopic> topics = partitionsByTopic.entrySet().stream()
                .map(e -> new NewTopic(e.getKey(), Optional.of(e.getValue()), Optional.empty()))
                .toList();
        try (Admin admin = Admin.create(adminProperties(bootstrap, timeout))) {
            var futures = admin.createTopics(topics).values();
            for (var entry : futures.entrySet()) {
                awaitCreated(entry.getKey(), entry.getValue(), timeout);
            }
        }
    }

    static Properties adminProperties(String bootstrap, Duration timeout) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 10_000));
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "callsight-stack");
        return props;
    }

    private static void awaitCreated(String topic, org.apache.kafka.common.KafkaFuture<Void> future, Duration timeout) {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new StackException("cannot create Kafka topic " + topic + ": " + e.getCause().getMessage(), e);
            }
        } catch (TimeoutException e) {
            throw new StackException("timed out after " + timeout.toSeconds() + " s creating Kafka topic " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while creating Kafka topic " + topic, e);
        }
    }
}
