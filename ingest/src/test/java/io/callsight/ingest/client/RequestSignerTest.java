package io.callsight.ingest.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RequestSignerTest {
    /** The public Genesys example of spec §3.6, clock pinned at its {@code created}. */
    private static final RequestSigner.Request EXAMPLE = new RequestSigner.Request("/api/v1/voicebiometrics/ws",
            "audiohook.example.com", "d7934305-0972-4844-938e-9060eef73d05", "30b0e395-84d3-4570-ac13-9a62d8f514c0",
            "e160e428-53e2-487c-977d-96989bf5c99d", "SGVsbG8sIEkgYW0gdGhlIEFQSSBrZXkh");
    private static final String SECRET = "TXlTdXBlclNlY3JldEtleVRlbGxOby0xITJAMyM0JDU=";
    private static final String PARAMS = "(\"@request-target\" \"@authority\" \"audiohook-organization-id\""
            + " \"audiohook-session-id\" \"audiohook-correlation-id\" \"x-api-key\");keyid=\"SGVsbG8sIEkgYW0gdGhlIEFQSSBrZXkh\""
            + ";nonce=\"VGhpc0lzQVVuaXF1ZU5vbmNl\";alg=\"hmac-sha256\";created=1641013200;expires=3282026430";

    @Test
    void theSpecTestVector() {
        RequestSigner.Signature s = RequestSigner.sign(EXAMPLE, SECRET, "VGhpc0lzQVVuaXF1ZU5vbmNl", 1641013200L,
                3282026430L);
        assertEquals("sig1=:NZBwyBHRRyRoeLqy1IzOa9VYBuI8TgMFt2GRDkDuJh4=:", s.signature());
        assertEquals("sig1=" + PARAMS, s.signatureInput());
        assertEquals(String.join("\n",
                "\"@request-target\": /api/v1/voicebiometrics/ws",
                "\"@authority\": audiohook.example.com",
                "\"audiohook-organization-id\": d7934305-0972-4844-938e-9060eef73d05",
                "\"audiohook-session-id\": 30b0e395-84d3-4570-ac13-9a62d8f514c0",
                "\"audiohook-correlation-id\": e160e428-53e2-487c-977d-96989bf5c99d",
                "\"x-api-key\": SGVsbG8sIEkgYW0gdGhlIEFQSSBrZXkh",
                "\"@signature-params\": " + PARAMS), s.base());
    }

    @Test
    void swappingSessionAndCorrelationIdsChangesTheSignature() {
        RequestSigner.Request swapped = new RequestSigner.Request(EXAMPLE.target(), EXAMPLE.authority(),
                EXAMPLE.organizationId(), EXAMPLE.correlationId(), EXAMPLE.sessionId(), EXAMPLE.apiKey());
        assertNotEquals(RequestSigner.sign(EXAMPLE, SECRET, "VGhpc0lzQVVuaXF1ZU5vbmNl", 1641013200L, 3282026430L).signature(),
                RequestSigner.sign(swapped, SECRET, "VGhpc0lzQVVuaXF1ZU5vbmNl", 1641013200L, 3282026430L).signature());
    }

    @Test
    void aFreshSignatureHasA24CharacterNonceAnd30SecondsOfLife() {
        RequestSigner.Signature s = RequestSigner.sign(EXAMPLE, SECRET, 1_700_000_000L);
        assertTrue(s.signatureInput().matches(".*;nonce=\"[A-Za-z0-9+/]{24}\";alg=\"hmac-sha256\";created=1700000000"
                + ";expires=1700000030$"), s.signatureInput());
    }

    @Test
    void secretsInEitherBase64AlphabetDecodeAndOthersFailClearly() {
        assertEquals(32, RequestSigner.decodeSecret(SECRET).length);
        assertEquals(32, RequestSigner.decodeSecret("AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA").length);
        assertEquals(3, RequestSigner.decodeSecret("-_-_").length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RequestSigner.decodeSecret("not base64!"));
        assertTrue(e.getMessage().contains("not base64"), e.getMessage());
    }

    @Test
    void valuesThatCannotBeSfStringsAreRefused() {
        assertEquals("\"a\\\"b\\\\c\"", RequestSigner.sfString("a\"b\\c"));
        assertThrows(IllegalArgumentException.class, () -> RequestSigner.sfString("clé"));
    }

    @Test
    void authorityAndTargetAreWhatTheRequestLineAndHostCarry() {
        assertEquals("127.0.0.1:8088", AudioHookClient.authority(URI.create("ws://127.0.0.1:8088/api/v1/audiohook/ws")));
        assertEquals("example.com", AudioHookClient.authority(URI.create("wss://example.com:443/ws")));
        assertEquals("example.com", AudioHookClient.authority(URI.create("ws://example.com/ws")));
        assertEquals("example.com:443", AudioHookClient.authority(URI.create("ws://example.com:443/ws")));
        assertEquals("/ws?x=1", AudioHookClient.requestTarget(URI.create("ws://h/ws?x=1")));
        assertEquals("/", AudioHookClient.requestTarget(URI.create("ws://h")));
    }
}
