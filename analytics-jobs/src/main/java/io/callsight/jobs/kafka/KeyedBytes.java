package io.callsight.jobs.kafka;

/** A record bound for a Kafka topic: key and already-encoded value. */
public record KeyedBytes(String topic, String key, byte[] value) {
}
