package io.callsight.tenants.crypto;

/** The blob is not what was sealed: altered, truncated or not a sealed blob at all. */
public final class TamperedException extends EnvelopeException {
    public enum Reason {
        /** Does not start with the blob magic: not a sealed blob. */
        BAD_MAGIC,
        /** A format version this code does not know. */
        UNSUPPORTED_FORMAT,
        /** Ends before the header or the authentication tag does. */
        TRUNCATED,
        /** A length or field in the header is impossible. */
        MALFORMED_HEADER,
        /** The wrapped data key failed its GCM tag: header fields or the wrapped key were altered. */
        DATA_KEY_AUTHENTICATION,
        /** The payload failed its GCM tag: payload, IV, tenant or context altered. */
        PAYLOAD_AUTHENTICATION
    }

    private final Reason reason;

    public TamperedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public TamperedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
