package io.callsight.jobs.speech;

import io.callsight.jobs.kafka.RawRecord;
import java.io.Serializable;
import java.util.function.Function;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Decodes raw Kafka records; one that does not decode goes to the dead letters with the reason. */
public final class DecodeRecords<T> extends ProcessFunction<RawRecord, T> implements ResultTypeQueryable<T> {
    private static final long serialVersionUID = 1L;

    /** A decoder Flink can ship to task managers. */
    public interface Decoder<T> extends Function<byte[], T>, Serializable {
    }

    private final String stage;
    private final Class<T> type;
    private final Decoder<T> decoder;

    public DecodeRecords(String stage, Class<T> type, Decoder<T> decoder) {
        this.stage = stage;
        this.type = type;
        this.decoder = decoder;
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return TypeInformation.of(type);
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<T> out) {
        T value;
        try {
            value = decoder.apply(record.value());
        } catch (RuntimeException e) {
            ctx.output(DeadLetters.TAG, DeadLetters.of(stage, record, e.getMessage()));
            return;
        }
        out.collect(value);
    }
}
