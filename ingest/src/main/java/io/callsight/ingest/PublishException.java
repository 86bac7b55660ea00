package io.callsight.ingest;

/** A call (or part of one) that could not be published; the message says what the sink reported. */
public class PublishException extends Exception {
    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }

    public PublishException(String message) {
        super(message);
    }
}
