package io.callsight.tenants;

import java.time.Instant;
import java.util.Objects;

/**
 * A secret the services must be able to read back (the AudioHook client secret signs requests with HMAC, so a hash
 * is not enough), stored as base64 of AES-256-GCM under the master key: {@code iv(12) || ciphertext || tag(16)}.
 */
public record EncryptedSecret(String ciphertext, Instant rotated) {
    public EncryptedSecret {
        Objects.requireNonNull(ciphertext, "ciphertext");
        Objects.requireNonNull(rotated, "rotated");
    }

    @Override
    public String toString() {
        return "EncryptedSecret[rotated=" + rotated + "]";
    }
}
