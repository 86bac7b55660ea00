package io.callsight.jobs.speech;

import io.callsight.events.DeadLetter;
import io.callsight.events.JsonCodec;
import io.callsight.events.Topics;
import io.callsight.jobs.kafka.KeyedBytes;
import io.callsight.jobs.kafka.RawRecord;
import org.apache.flink.util.OutputTag;

/** The side output every operator sends records it cannot process to, bound for {@link Topics#DEAD_LETTER}. */
public final class DeadLetters {
    public static final OutputTag<DeadLetter> TAG = new OutputTag<>("dead-letters") {
    };
    private static final JsonCodec<DeadLetter> JSON = JsonCodec.of(DeadLetter.class);

    private DeadLetters() {
    }

    public static DeadLetter of(String stage, RawRecord record, String reason) {
        return new DeadLetter(stage, record.topic(), record.partition(), record.offset(), record.key(), reason,
                record.value(), System.currentTimeMillis());
    }

    public static DeadLetter of(String stage, String key, String reason, byte[] payload) {
        return new DeadLetter(stage, null, -1, -1, key, reason, payload, System.currentTimeMillis());
    }

    public static KeyedBytes toKafka(DeadLetter letter) {
        return new KeyedBytes(Topics.DEAD_LETTER, letter.key(), JSON.encode(letter));
    }
}
