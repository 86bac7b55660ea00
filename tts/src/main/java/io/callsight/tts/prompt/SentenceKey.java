package io.callsight.tts.prompt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Identifies one sentence's telephony audio: the same text in the same voice from the same engine and
 * encoding gives the same frames. Any change to the engine, the voice's parameters or {@link #ENCODING}
 * gives a new key, so stale audio is never served, only left to age out.
 */
public record SentenceKey(String engineVersion, String voiceFingerprint, String text) {
    /**
     * Version of what {@link TelephonyEncoder} does to engine output (trimming, resampling, padding); bump it
     * when that changes, or the disk cache keeps serving audio encoded the old way.
     */
    static final String ENCODING = "ulaw8k-trim20-v1";

    /** A file-name-safe digest of the whole key, for the on-disk cache. */
    public String digest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String canonical = ENCODING + '\n' + engineVersion + '\n' + voiceFingerprint + '\n' + text;
            return HexFormat.of().formatHex(sha.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
