package io.callsight.tenants.crypto;

/**
 * A sealed blob cannot be opened. Checked on purpose: each subclass calls for a different reaction (alert on
 * tampering, report a shredded recording as gone, fix a misfiled recording), so callers should decide.
 */
public abstract class EnvelopeException extends Exception {
    protected EnvelopeException(String message) {
        super(message);
    }

    protected EnvelopeException(String message, Throwable cause) {
        super(message, cause);
    }
}
