package io.callsight.ingest.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client half of AudioHook authentication (spec §3): an HTTP message signature (RFC 9421, HMAC-SHA256) over the
 * six components the server requires, in the spec's order. Written from the spec alone, independently of the server's
 * verifier, so that each checks the other in the end-to-end tests.
 */
public final class RequestSigner {
    /** Covered components, in the order the reference client signs them (§3.1). */
    public static final List<String> COMPONENTS = List.of("@request-target", "@authority", "audiohook-organization-id",
            "audiohook-session-id", "audiohook-correlation-id", "x-api-key");
    /** The reference client's signature lifetime (§3.2). */
    public static final long LIFETIME_SECONDS = 30;
    private static final String LABEL = "sig1";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestSigner() {
    }

    /** What goes on the upgrade request, and the base it was computed over (for tests and debugging). */
    public record Signature(String signatureInput, String signature, String base) {
    }

    /** The values the six components take on one request. */
    public record Request(String target, String authority, String organizationId, String sessionId,
            String correlationId, String apiKey) {
        List<String> values() {
            return List.of(target, authority, organizationId, sessionId, correlationId, apiKey);
        }
    }

    /** Signs with a fresh nonce, {@code created} = now and {@code expires} = now + 30 s. */
    public static Signature sign(Request request, String clientSecret, long nowSeconds) {
        byte[] nonce = new byte[18];
        RANDOM.nextBytes(nonce);
        return sign(request, clientSecret, Base64.getEncoder().encodeToString(nonce), nowSeconds,
                nowSeconds + LIFETIME_SECONDS);
    }

    public static Signature sign(Request request, String clientSecret, String nonce, long created, long expires) {
        StringBuilder params = new StringBuilder("(");
        for (int i = 0; i < COMPONENTS.size(); i++) {
            params.append(i == 0 ? "" : " ").append(sfString(COMPONENTS.get(i)));
        }
        params.append(");keyid=").append(sfString(request.apiKey()))
                .append(";nonce=").append(sfString(nonce))
                .append(";alg=").append(sfString("hmac-sha256"))
                .append(";created=").append(created)
                .append(";expires=").append(expires);
        StringBuilder base = new StringBuilder();
        List<String> values = request.values();
        for (int i = 0; i < COMPONENTS.size(); i++) {
            base.append('"').append(COMPONENTS.get(i)).append("\": ").append(canonical(values.get(i))).append('\n');
        }
        base.append("\"@signature-params\": ").append(params);
        byte[] mac = hmacSha256(decodeSecret(clientSecret), base.toString().getBytes(StandardCharsets.UTF_8));
        return new Signature(LABEL + "=" + params, LABEL + "=:" + Base64.getEncoder().encodeToString(mac) + ":",
                base.toString());
    }

    /**
     * The HMAC key is the secret base64-decoded (§3.3 step 4). Secrets are accepted in either base64 alphabet, with or
     * without padding, since consoles and our own {@code tenants secret rotate} do not agree on one.
     */
    public static byte[] decodeSecret(String secret) {
        String s = secret.strip();
        try {
            byte[] key = s.indexOf('-') >= 0 || s.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(s)
                    : Base64.getDecoder().decode(s);
            if (key.length == 0) {
                throw new IllegalArgumentException("the AudioHook client secret is empty");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the AudioHook client secret is not base64: " + e.getMessage(), e);
        }
    }

    /** Header canonicalisation of §3.3: trimmed, obsolete line folding replaced by one space. */
    private static String canonical(String value) {
        return value.strip().replaceAll("[ \\t]*\\r\\n[ \\t]+", " ");
    }

    /** RFC 8941 sf-string: printable ASCII only, {@code "} and {@code \} escaped. */
    static String sfString(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("cannot sign a value with a non-printable or non-ASCII character: "
                        + "API keys and nonces must be printable ASCII");
            }
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    private static byte[] hmacSha256(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
