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
        return sha256Prefix(ani.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The first 12 bytes of SHA-256 of {@code salt || 0x00 || ani}, hex; null for a missing number. With a per-tenant
     * salt the same caller hashes differently in two tenants, so tenants cannot link their callers through the topic,
     * and a dictionary of all phone numbers has to be rebuilt per tenant.
     */
    public static String hash(String salt, String ani) {
        if (ani == null || ani.isBlank()) {
            return null;
        }
        if (salt == null || salt.isEmpty()) {
            return hash(ani);
        }
        byte[] s = salt.getBytes(StandardCharsets.UTF_8);
        byte[] a = ani.getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[s.length + 1 + a.length];
        System.arraycopy(s, 0, input, 0, s.length);
        System.arraycopy(a, 0, input, s.length + 1, a.length);
        return sha256Prefix(input);
    }

    private static String sha256Prefix(byte[] input) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(input);
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
