package io.callsight.tenants.crypto;

import java.time.Instant;
import javax.crypto.SecretKey;

/**
 * One version of a tenant's key-encryption key, unwrapped. It only ever encrypts data keys; the key material stays
 * inside this package ({@link #key()} is package-private) so no caller can use a KEK on data directly.
 */
public final class Kek {
    private final String tenant;
    private final int version;
    private final Instant created;
    private final SecretKey key;

    Kek(String tenant, int version, Instant created, SecretKey key) {
        this.tenant = tenant;
        this.version = version;
        this.created = created;
        this.key = key;
    }

    public String tenant() {
        return tenant;
    }

    public int version() {
        return version;
    }

    public Instant created() {
        return created;
    }

    SecretKey key() {
        return key;
    }

    @Override
    public String toString() {
        return "Kek[" + tenant + " v" + version + "]";
    }
}
