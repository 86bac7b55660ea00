package io.callsight.ingest.audiohook;

/**
 * A client message that breaks the protocol. {@code kind} is a short stable name for counting
 * ({@code bad_json}, {@code wrong_seq}, ...); the message is safe to send back as {@code disconnect.info}.
 */
public final class ProtocolException extends Exception {
    private final String kind;

    public ProtocolException(String kind, String message) {
        super(message);
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
