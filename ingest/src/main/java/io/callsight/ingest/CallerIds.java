package io.callsight.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Caller numbers leave ingest only hashed: calls from one number can be grouped, the number itself is not kept. */
public final class CallerIds {
    private CallerIds() {
    }

    /** The first 12 bytes of SHA-256 of {@code ani}, hex; null for a missing number. */
    public static String hash(String ani) {
        if (ani == null || ani.isBlank()) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(ani.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
