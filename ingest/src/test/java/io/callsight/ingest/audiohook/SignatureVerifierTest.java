package io.callsight.ingest.audiohook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Spec §3, with the public test vector of §3.6. */
class SignatureVerifierTest {
    static final String SECRET = "TXlTdXBlclNlY3JldEtleVRlbGxOby0xITJAMyM0JDU=";
    static final String API_KEY = "SGVsbG8sIEkgYW0gdGhlIEFQSSBrZXkh";
    static final String PARAMS = "(\"@request-target\" \"@authority\" \"audiohook-organization-id\" \"audiohook-session-id\""
            + " \"audiohook-correlation-id\" \"x-api-key\");keyid=\"SGVsbG8sIEkgYW0gdGhlIEFQSSBrZXkh\";"
            + "nonce=\"VGhpc0lzQVVuaXF1ZU5vbmNl\";alg=\"hmac-sha256\";created=1641013200;expires=3282026430";
    static final String EXPECTED = "sig1=:NZBwyBHRRyRoeLqy1IzOa9VYBuI8TgMFt2GRDkDuJh4=:";
    static final long CREATED = 1641013200L;

    private static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    private static Map<String, List<String>> vectorHeaders() {
        Map<String, List<String>> h = new HashMap<>();
        h.put("audiohook-organization-id", List.of("d7934305-0972-4844-938e-9060eef73d05"));
        h.put("audiohook-session-id", List.of("30b0e395-84d3-4570-ac13-9a62d8f514c0"));
        h.put("audiohook-correlation-id", List.of("e160e428-53e2-487c-977d-96989bf5c99d"));
        h.put("x-api-key", List.of(API_KEY));
        h.put("signature-input", List.of("sig1=" + PARAMS));
        h.put("signature", List.of(EXPECTED));
        return h;
    }

    private static SignatureVerifier.Request request(Map<String, List<String>> headers) {
        return new SignatureVerifier.Request("/api/v1/voicebiometrics/ws", "audiohook.example.com",
                name -> headers.getOrDefault(name, List.of()));
    }

    private static SignatureVerifier.Result verify(Map<String, List<String>> headers) {
        return new SignatureVerifier(at(CREATED + 1)).verify(request(headers), Optional.of(SECRET));
    }

    @Test
    void theSpecsTestVectorBaseAndHmac() {
        String base = SignatureVerifier.signatureBase(List.of(
                new String[] {"@request-target", "/api/v1/voicebiometrics/ws"},
                new String[] {"@authority", "audiohook.example.com"},
                new String[] {"audiohook-organization-id", "d7934305-0972-4844-938e-9060eef73d05"},
                new String[] {"audiohook-session-id", "30b0e395-84d3-4570-ac13-9a62d8f514c0"},
                new String[] {"audiohook-correlation-id", "e160e428-53e2-487c-977d-96989bf5c99d"},
                new String[] {"x-api-key", API_KEY}), PARAMS);
        assertEquals(7, base.split("\n").length);
        byte[] mac = SignatureVerifier.hmac(SignatureVerifier.decodeSecret(SECRET).orElseThrow(), base);
        assertEquals("sig1=:" + Base64.getEncoder().encodeToString(mac) + ":", EXPECTED);
    }

    @Test
    void theSpecsTestVectorVerifies() {
        SignatureVerifier.Result r = verify(vectorHeaders());
        assertTrue(r.valid(), r.reason());
        assertTrue(r.signed());
    }

    @Test
    void aReplayedNonceIsRefused() {
        SignatureVerifier v = new SignatureVerifier(at(CREATED + 1));
        assertTrue(v.verify(request(vectorHeaders()), Optional.of(SECRET)).valid());
        SignatureVerifier.Result again = v.verify(request(vectorHeaders()), Optional.of(SECRET));
        assertFalse(again.valid());
        assertTrue(again.reason().contains("replayed"), again.reason());
    }

    @Test
    void theNonceCacheIsBoundedAndForgetsExpiredNonces() {
        NonceCache cache = new NonceCache(3);
        assertTrue(cache.firstUse("a", 100, 50));
        assertFalse(cache.firstUse("a", 100, 60));
        assertTrue(cache.firstUse("b", 100, 60));
        assertTrue(cache.firstUse("c", 100, 60));
        assertTrue(cache.firstUse("d", 100, 60));
        assertEquals(3, cache.size());
        assertTrue(cache.firstUse("a", 100, 60), "evicted as the oldest");
        assertTrue(cache.firstUse("e", 300, 200));
        assertEquals(1, cache.size(), "the others expired at 100");
    }

    @Test
    void headerValuesAreTrimmedAndUnfoldedAndTheVerifierFollowsSignatureInputOrder() {
        Map<String, List<String>> h = vectorHeaders();
        h.put("audiohook-session-id", List.of("  30b0e395-84d3-4570-ac13-9a62d8f514c0 \t"));
        h.put("signature-input", List.of("  sig1=" + PARAMS + " , sig2=(\"x-api-key\");created=1"));
        assertTrue(verify(h).valid(), verify(h).reason());
        assertEquals("a b", SignatureVerifier.canonical(" a\r\n  b "));
    }

    @Test
    void unsignedIsAcceptedOnlyWithoutASecret() {
        Map<String, List<String>> h = vectorHeaders();
        h.remove("signature");
        h.remove("signature-input");
        SignatureVerifier v = new SignatureVerifier(at(CREATED + 1));
        SignatureVerifier.Result none = v.verify(request(h), Optional.empty());
        assertTrue(none.valid() && !none.signed(), none.reason());
        assertFalse(v.verify(request(h), Optional.of(SECRET)).valid());
        assertFalse(v.verify(request(vectorHeaders()), Optional.empty()).valid(), "signed but no secret to check it");
    }

    @Test
    void callsightsUrlSafeUnpaddedSecretsDecode() {
        byte[] key = new byte[32];
        key[0] = (byte) 0xfb;
        key[1] = (byte) 0xff;
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        assertTrue(urlSafe.contains("-") || urlSafe.contains("_"));
        assertEquals(List.of(), diff(key, SignatureVerifier.decodeSecret(urlSafe).orElseThrow()));
        assertTrue(SignatureVerifier.decodeSecret("***").isEmpty());
    }

    private static List<Integer> diff(byte[] a, byte[] b) {
        List<Integer> d = new ArrayList<>();
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            if (i >= a.length || i >= b.length || a[i] != b[i]) {
                d.add(i);
            }
        }
        return d;
    }

    private static void assertRefused(Map<String, List<String>> h, String reason) {
        SignatureVerifier.Result r = verify(h);
        assertFalse(r.valid(), "accepted: " + h);
        assertTrue(r.reason().contains(reason), r.reason());
    }

    private static Map<String, List<String>> withInput(String params) {
        Map<String, List<String>> h = vectorHeaders();
        h.put("signature-input", List.of("sig1=" + params));
        return h;
    }

    @Test
    void everyRejectionPath() {
        Map<String, List<String>> h;
        h = vectorHeaders();
        h.remove("x-api-key");
        assertRefused(h, "no X-API-KEY");
        h = vectorHeaders();
        h.remove("signature");
        assertRefused(h, "only one of");
        h = vectorHeaders();
        h.put("signature", List.of("sig2=:NZBwyBHRRyRoeLqy1IzOa9VYBuI8TgMFt2GRDkDuJh4=:"));
        assertRefused(h, "no Signature member labelled sig1");
        h = vectorHeaders();
        h.put("signature", List.of("sig1=\"NZBwyBHRRyRoeLqy1IzOa9VYBuI8TgMFt2GRDkDuJh4=\""));
        assertRefused(h, "not a byte sequence");
        h = vectorHeaders();
        h.put("signature-input", List.of("sig1=(\"@request-target\""));
        assertRefused(h, "malformed");
        h = vectorHeaders();
        h.put("signature", List.of("sig1=:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=:"));
        assertRefused(h, "does not match");
        h = vectorHeaders();
        h.put("audiohook-session-id", List.of("e160e428-53e2-487c-977d-96989bf5c99d"));
        h.put("audiohook-correlation-id", List.of("30b0e395-84d3-4570-ac13-9a62d8f514c0"));
        assertRefused(h, "does not match"); // the swap the Genesys forum reports
        h = vectorHeaders();
        h.put("x-api-key", List.of("another-key"));
        assertRefused(h, "keyid");
        h = vectorHeaders();
        h.remove("audiohook-correlation-id");
        assertRefused(h, "missing from the request");

        assertRefused(withInput(PARAMS.replace("VGhpc0lzQVVuaXF1ZU5vbmNl", "short")), "nonce");
        assertRefused(withInput(PARAMS.replace(";nonce=\"VGhpc0lzQVVuaXF1ZU5vbmNl\"", "")), "nonce");
        assertRefused(withInput(PARAMS.replace("hmac-sha256", "rsa-pss-sha512")), "alg");
        assertRefused(withInput(PARAMS.replace(";created=1641013200", "")), "created");
        assertRefused(withInput(PARAMS.replace("created=1641013200", "created=\"1641013200\"")), "created");
        assertRefused(withInput(PARAMS.replace("created=1641013200", "created=1641013205")), "future");
        assertRefused(withInput(PARAMS.replace("expires=3282026430", "expires=1641013190")), "expired");
        assertRefused(withInput(PARAMS.replace("expires=3282026430", "expires=x")), "expires");
        assertRefused(withInput(PARAMS.replace(" \"x-api-key\")", ")")), "does not cover x-api-key");
        assertRefused(withInput(PARAMS.replace("\"x-api-key\")", "\"x-api-key\";sf)")), "without parameters");
        assertRefused(withInput(PARAMS.replace("\"x-api-key\")", "\"x-api-key\" \"x-api-key\")")), "twice");
        assertRefused(withInput(PARAMS.replace("\"x-api-key\")", "\"x-api-key\" \"@signature-params\")")), "not allowed");
        assertRefused(withInput(PARAMS.replace("\"x-api-key\")", "\"x-api-key\" \"@method\")")), "not supported");

        SignatureVerifier late = new SignatureVerifier(at(CREATED + 14));
        SignatureVerifier.Result old = late.verify(request(vectorHeaders()), Optional.of(SECRET));
        assertFalse(old.valid());
        assertTrue(old.reason().contains("too old"), old.reason());
        assertTrue(new SignatureVerifier(at(CREATED + 13)).verify(request(vectorHeaders()), Optional.of(SECRET)).valid(),
                "10 s max age plus 3 s skew");
        assertTrue(new SignatureVerifier(at(CREATED - 3)).verify(request(vectorHeaders()), Optional.of(SECRET)).valid(),
                "created up to the skew in the future");
    }

    @Test
    void unknownParametersAreIgnoredButStillCovered() {
        String extra = PARAMS + ";tag=\"x\"";
        Map<String, List<String>> h = withInput(extra);
        assertRefused(h, "does not match"); // the HMAC covers @signature-params, extra parameter included
        String base = SignatureVerifier.signatureBase(List.of(
                new String[] {"@request-target", "/api/v1/voicebiometrics/ws"},
                new String[] {"@authority", "audiohook.example.com"},
                new String[] {"audiohook-organization-id", "d7934305-0972-4844-938e-9060eef73d05"},
                new String[] {"audiohook-session-id", "30b0e395-84d3-4570-ac13-9a62d8f514c0"},
                new String[] {"audiohook-correlation-id", "e160e428-53e2-487c-977d-96989bf5c99d"},
                new String[] {"x-api-key", API_KEY}), extra);
        byte[] mac = SignatureVerifier.hmac(SignatureVerifier.decodeSecret(SECRET).orElseThrow(), base);
        h.put("signature", List.of("sig1=:" + Base64.getEncoder().encodeToString(mac) + ":"));
        assertTrue(verify(h).valid(), verify(h).reason());
    }
}
