package io.callsight.events;

/** A record on a topic that cannot be decoded; the message says what is wrong with it. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
