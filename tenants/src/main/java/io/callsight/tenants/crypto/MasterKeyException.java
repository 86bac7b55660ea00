package io.callsight.tenants.crypto;

/** The master key is missing, malformed or not the one the keyring was made with; the message names the source. */
public final class MasterKeyException extends RuntimeException {
    public MasterKeyException(String message) {
        super(message);
    }

    public MasterKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
