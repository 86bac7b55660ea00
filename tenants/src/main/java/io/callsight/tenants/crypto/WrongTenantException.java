package io.callsight.tenants.crypto;

/** The blob belongs to another tenant than the caller expected: refused before any decryption. */
public final class WrongTenantException extends EnvelopeException {
    public WrongTenantException(String message) {
        super(message);
    }
}
