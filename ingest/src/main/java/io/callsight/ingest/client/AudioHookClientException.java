package io.callsight.ingest.client;

/** The session could not start: connection refused, upgrade refused (with its HTTP status), bad settings. */
public final class AudioHookClientException extends Exception {
    private final int httpStatus;

    public AudioHookClientException(String message, int httpStatus, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    /** The status the upgrade was refused with, 0 if it was not refused by HTTP. */
    public int httpStatus() {
        return httpStatus;
    }
}
