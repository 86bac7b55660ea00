package io.callsight.tenants.auth;

import io.callsight.tenants.ApiKey;
import io.callsight.tenants.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API key format: {@code csk_<key id>_<secret>}, the key id 16 hex digits (public: it is how the key is found and
 * how logs name it), the secret 43 base64url characters of 32 random bytes.
 *
 * <p>Stored as SHA-256 of the whole key. A slow password hash (bcrypt, Argon2) buys nothing here: it protects
 * guessable secrets, and 256 random bits cannot be guessed, so a fast hash keeps authentication under a microsecond
 * without weakening it. The key id is inside the hashed string, so a hash copied to another entry matches nothing.
 */
public final class ApiKeys {
    public static final String PREFIX = "csk_";
    private static final int SECRET_BYTES = 32;
    /** csk_, 16 hex, _, 43 base64url; anything else is refused before hashing. */
    private static final Pattern FORMAT = Pattern.compile("csk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");
    private static final int MAX_PRESENTED = 100;

    private final SecureRandom random;
    private final Clock clock;

    public ApiKeys() {
        this(new SecureRandom(), Clock.systemUTC());
    }

    public ApiKeys(SecureRandom random, Clock clock) {
        this.random = random;
        this.clock = clock;
    }

    /** A new key for {@code tenantId}; the caller stores {@link IssuedApiKey#stored()} and shows the key once. */
    public IssuedApiKey create(String tenantId, Role role) {
        byte[] id = new byte[8];
        random.nextBytes(id);
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        String keyId = HexFormat.of().formatHex(id);
        String key = PREFIX + keyId + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        java.util.Arrays.fill(secret, (byte) 0);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return new IssuedApiKey(tenantId, new ApiKey(keyId, role, hash(key), now, false), key);
    }

    /** {@code sha256:<base64url>} of the whole key, the form the registry stores. */
    public static String hash(String key) {
        return "sha256:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest(key));
    }

    static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The key id of a well-formed key; empty for anything else (never an exception, never echoing the input). */
    public static Optional<String> keyId(String presented) {
        if (presented == null || presented.length() > MAX_PRESENTED) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(presented);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
