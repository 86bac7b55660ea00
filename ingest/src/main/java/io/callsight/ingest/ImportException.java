package io.callsight.ingest;

/** A recording that cannot be imported; the message is one line a user can act on. */
public class ImportException extends Exception {
    public ImportException(String message) {
        super(message);
    }

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
