package io.callsight.ingest.audiohook;

import io.callsight.ingest.audiohook.StructuredFields.InnerList;
import io.callsight.ingest.audiohook.StructuredFields.Item;
import io.callsight.ingest.audiohook.StructuredFields.Member;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies the HTTP message signature of an AudioHook upgrade request (spec §3: RFC 9421 restricted to HMAC-SHA256,
 * headers {@code Signature-Input} and {@code Signature}). Failure reasons name what was wrong, never a key, a secret
 * or a signature value, so they may be logged.
 */
public final class SignatureVerifier {
    /** Every signature must cover at least these (spec §3.1). */
    public static final List<String> REQUIRED_COMPONENTS = List.of("@request-target", "@authority",
            "audiohook-organization-id", "audiohook-session-id", "audiohook-correlation-id", "x-api-key");
    private static final int MIN_NONCE_LENGTH = 22;
    private static final byte[] DUMMY_KEY = new SecureRandom().generateSeed(32);

    private final Clock clock;
    private final long maxSkewSeconds;
    private final long maxAgeSeconds;
    private final NonceCache nonces;

    /**
     * @param maxSkewSeconds how far the client's clock may be off (spec ref value 3)
     * @param maxAgeSeconds  how old a signature may be when it arrives, before the skew (spec ref value 10)
     * @param nonceCacheSize how many nonces are remembered at most to refuse replays
     */
    public SignatureVerifier(Clock clock, long maxSkewSeconds, long maxAgeSeconds, int nonceCacheSize) {
        this.clock = clock;
        this.maxSkewSeconds = maxSkewSeconds;
        this.maxAgeSeconds = maxAgeSeconds;
        this.nonces = new NonceCache(nonceCacheSize);
    }

    public SignatureVerifier(Clock clock) {
        this(clock, 3, 10, 100_000);
    }

    /**
     * The parts of the upgrade request the signature covers.
     *
     * @param requestTarget path and query as sent (or as the client sent them to a proxy in front of us)
     * @param authority     the {@code Host} the client addressed
     * @param headers       all values of a header by lower-case name, an empty list if absent
     */
    public record Request(String requestTarget, String authority, Function<String, List<String>> headers) {
    }

    public record Result(boolean valid, boolean signed, String reason) {
        static Result ok(boolean signed) {
            return new Result(true, signed, signed ? "signature valid" : "unsigned, no client secret configured");
        }

        static Result fail(String reason) {
            return new Result(false, false, reason);
        }
    }

    /**
     * @param clientSecret the tenant's AudioHook client secret as configured in the client (base64, standard or
     *                     URL-safe, padding optional); empty if the tenant has none, which allows unsigned requests
     */
    public Result verify(Request request, Optional<String> clientSecret) {
        String apiKey = header(request, "x-api-key");
        if (apiKey == null) {
            return Result.fail("no X-API-KEY header");
        }
        String input = header(request, "signature-input");
        String signature = header(request, "signature");
        if (input == null && signature == null) {
            return clientSecret.isEmpty() ? Result.ok(false)
                    : Result.fail("unsigned request, but the tenant has a client secret");
        }
        if (input == null || signature == null) {
            return Result.fail("only one of Signature-Input and Signature is present");
        }
        Map<String, Member> inputs;
        Map<String, Member> signatures;
        try {
            inputs = StructuredFields.parseDictionary(input);
            signatures = StructuredFields.parseDictionary(signature);
        } catch (StructuredFields.ParseException e) {
            return Result.fail("malformed signature header: " + e.getMessage());
        }
        if (inputs.isEmpty()) {
            return Result.fail("empty Signature-Input");
        }
        Map.Entry<String, Member> first = inputs.entrySet().iterator().next();
        String label = first.getKey();
        if (!(first.getValue().value() instanceof InnerList covered)) {
            return Result.fail("Signature-Input member " + label + " is not an inner list");
        }
        Member sigMember = signatures.get(label);
        if (sigMember == null) {
            return Result.fail("no Signature member labelled " + label);
        }
        if (!(sigMember.value() instanceof byte[] mac)) {
            return Result.fail("Signature member " + label + " is not a byte sequence");
        }

        List<String> components = new ArrayList<>();
        Set<String> distinct = new HashSet<>();
        for (Item item : covered.items()) {
            if (!(item.value() instanceof String name) || !item.params().isEmpty()) {
                return Result.fail("covered components must be plain strings without parameters");
            }
            if (name.equals("@signature-params") || !distinct.add(name)) {
                return Result.fail("covered component " + name + " is listed twice or not allowed");
            }
            if (!name.equals(name.toLowerCase(java.util.Locale.ROOT))) {
                return Result.fail("covered component " + name + " is not lower-case");
            }
            components.add(name);
        }
        Map<String, Object> params = covered.params();
        Object keyid = params.get("keyid");
        if (!(keyid instanceof String k) || !k.equals(apiKey)) {
            return Result.fail("keyid is missing or is not the X-API-KEY");
        }
        if (!(params.get("nonce") instanceof String nonce) || nonce.length() < MIN_NONCE_LENGTH) {
            return Result.fail("nonce missing or shorter than " + MIN_NONCE_LENGTH + " characters");
        }
        Object alg = params.get("alg");
        if (alg != null && !"hmac-sha256".equals(alg)) {
            return Result.fail("alg must be hmac-sha256");
        }
        if (!(params.get("created") instanceof Long created)) {
            return Result.fail("created missing or not an integer");
        }
        Object expiresParam = params.get("expires");
        if (expiresParam != null && !(expiresParam instanceof Long)) {
            return Result.fail("expires is not an integer");
        }
        long now = clock.instant().getEpochSecond();
        if (created > now + maxSkewSeconds) {
            return Result.fail("signature created in the future (check the client's clock)");
        }
        if (expiresParam instanceof Long expires && expires < now - maxSkewSeconds) {
            return Result.fail("signature expired");
        }
        if (now - created > maxAgeSeconds + maxSkewSeconds) {
            return Result.fail("signature too old");
        }
        for (String required : REQUIRED_COMPONENTS) {
            if (!distinct.contains(required)) {
                return Result.fail("signature does not cover " + required);
            }
        }

        StringBuilder base = new StringBuilder();
        for (String name : components) {
            String value;
            if (name.equals("@request-target")) {
                value = request.requestTarget();
            } else if (name.equals("@authority")) {
                value = canonical(request.authority());
            } else if (name.startsWith("@")) {
                return Result.fail("derived component " + name + " is not supported");
            } else {
                value = header(request, name);
            }
            if (value == null) {
                return Result.fail("covered component " + name + " is missing from the request");
            }
            base.append('"').append(name).append("\": ").append(value).append('\n');
        }
        base.append("\"@signature-params\": ").append(StructuredFields.serialize(covered));

        byte[] key = clientSecret.flatMap(SignatureVerifier::decodeSecret).orElse(DUMMY_KEY);
        byte[] expected = hmac(key, base.toString());
        boolean match = MessageDigest.isEqual(expected, mac);
        if (clientSecret.isEmpty()) {
            return Result.fail("signed request, but the tenant has no client secret configured");
        }
        if (key == DUMMY_KEY) {
            return Result.fail("the tenant's client secret is not valid base64");
        }
        if (!match) {
            return Result.fail("signature does not match");
        }
        long keepUntil = Math.max(created + maxAgeSeconds + maxSkewSeconds, now);
        if (!nonces.firstUse(apiKey + "\n" + nonce, keepUntil, now)) {
            return Result.fail("nonce already used (replayed request)");
        }
        return Result.ok(true);
    }

    /** The signature base of §3.3 for already-parsed inputs: for clients and tests that sign. */
    public static String signatureBase(List<String[]> componentValues, String signatureParams) {
        StringBuilder base = new StringBuilder();
        for (String[] cv : componentValues) {
            base.append('"').append(cv[0]).append("\": ").append(cv[1]).append('\n');
        }
        return base.append("\"@signature-params\": ").append(signatureParams).toString();
    }

    public static byte[] hmac(byte[] key, String base) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(base.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Base64 in either alphabet, padded or not (Callsight issues URL-safe secrets; the spec's example is standard). */
    public static Optional<byte[]> decodeSecret(String secret) {
        String s = secret.trim().replace('-', '+').replace('_', '/');
        while (s.length() % 4 != 0) {
            s += "=";
        }
        try {
            byte[] key = Base64.getDecoder().decode(s);
            return key.length == 0 ? Optional.empty() : Optional.of(key);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String header(Request request, String name) {
        List<String> values = request.headers().apply(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        List<String> canonical = values.stream().map(SignatureVerifier::canonical).toList();
        return String.join(", ", canonical);
    }

    /** Trimmed, obsolete line folding replaced by one space (§3.3). */
    static String canonical(String value) {
        return value == null ? null : value.replaceAll("[ \\t]*\\r\\n[ \\t]+", " ").strip();
    }
}
