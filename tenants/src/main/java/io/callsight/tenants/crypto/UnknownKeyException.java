package io.callsight.tenants.crypto;

/** The keyring has no key for this tenant or version (never created, retired, or a keyring from elsewhere). */
public class UnknownKeyException extends EnvelopeException {
    public UnknownKeyException(String message) {
        super(message);
    }
}
