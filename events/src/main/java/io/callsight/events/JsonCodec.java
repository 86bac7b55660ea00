package io.callsight.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON form of the event records (everything but audio), readable on any Kafka console. */
public final class JsonCodec<T> implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);

    private final Class<T> type;

    private JsonCodec(Class<T> type) {
        this.type = type;
    }

    public static <T> JsonCodec<T> of(Class<T> type) {
        return new JsonCodec<>(type);
    }

    public byte[] encode(T value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public T decode(byte[] json) {
        if (json == null || json.length == 0) {
            throw new MalformedEventException(type.getSimpleName() + " record is empty");
        }
        T value;
        try {
            value = MAPPER.readValue(json, type);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new MalformedEventException("not a valid " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedEventException("not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new MalformedEventException("not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
        if (value == null) { // the JSON literal null: no record at all
            throw new MalformedEventException("not a valid " + type.getSimpleName() + ": JSON null");
        }
        return value;
    }
}
