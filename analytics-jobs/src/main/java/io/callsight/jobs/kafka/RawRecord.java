package io.callsight.jobs.kafka;

/**
 * A Kafka record as it arrived, not yet decoded: decoding happens in an operator so a malformed record can
 * go to the dead-letter topic with its position instead of failing the source.
 */
public record RawRecord(String topic, int partition, long offset, String key, byte[] value) {
}
