package io.callsight.tenants;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An API key as the registry stores it: never the key itself, only {@code hash}. The key id is public (it is part of
 * the presented key and appears in logs); the secret part is not.
 */
public record ApiKey(String id, Role role, String hash, Instant created, boolean revoked) {
    /** Key ids are generated as 16 hex digits; anything in this pattern is accepted from a hand-edited file. */
    public static final Pattern ID = Pattern.compile("[a-z0-9]{8,32}");
    /** {@code sha256:} and the unpadded base64url SHA-256 of the whole presented key. */
    public static final Pattern HASH = Pattern.compile("sha256:[A-Za-z0-9_-]{43}");

    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(created, "created");
    }

    public ApiKey revoke() {
        return new ApiKey(id, role, hash, created, true);
    }

    /** Leaves the hash out so a key never ends up in a log line through string concatenation. */
    @Override
    public String toString() {
        return "ApiKey[id=" + id + ", role=" + role.id() + ", created=" + created + ", revoked=" + revoked + "]";
    }
}
