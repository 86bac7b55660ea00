package io.callsight.ingest.live;

import io.callsight.ingest.audiohook.SessionSettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callsight.events.AudioFrame;
import io.callsight.events.CallEvent;
import io.callsight.events.Track;
import io.callsight.events.Utterance;
import io.callsight.events.Word;
import io.callsight.ingest.audiohook.SignatureVerifier;
import io.callsight.tenants.Retention;
import io.callsight.tenants.Role;
import io.callsight.tenants.Tenant;
import io.callsight.tenants.TenantRegistry;
import io.callsight.tenants.auth.ApiKeys;
import io.callsight.tenants.auth.IssuedApiKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real Jetty server on a free port, a fake sink, and the JDK's WebSocket client as the softswitch. */
class IngestServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
            30, 31, 32});
    private static final Duration DELAY = Duration.ofMillis(300);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final ApiKeys KEYS = new ApiKeys();
    private static final IssuedApiKey ACME_INGEST = KEYS.create("acme", Role.INGEST);
    private static final IssuedApiKey ACME_QA = KEYS.create("acme", Role.QA);
    private static final IssuedApiKey SIGNED_INGEST = KEYS.create("signed", Role.INGEST);
    private static final RecordingSink SINK = new RecordingSink();
    private static IngestServer server;

    @BeforeAll
    static void start() throws Exception {
        Tenant acme = new Tenant("acme", "Acme", List.of("en", "zh"), ZoneId.of("UTC"), new Retention(30, 30),
                List.of(ACME_INGEST.stored(), ACME_QA.stored()), Optional.empty());
        Tenant signed = new Tenant("signed", "Signed", List.of("en"), ZoneId.of("UTC"), new Retention(30, 30),
                List.of(SIGNED_INGEST.stored()), Optional.empty());
        TenantRegistry registry = new TenantRegistry(List.of(acme, signed));
        // 100 ms frames: the tests count frames at that size
        IngestServer.Config config = IngestServer.Config.defaults(0).withHost("127.0.0.1").withAuthFailureDelay(DELAY)
                .withMaxBufferedBytes(8_000).withSession(SessionSettings.DEFAULTS.withFrameMs(100));
        server = IngestServer.start(config, () -> registry,
                t -> t.id().equals("signed") ? Optional.of(SECRET) : Optional.empty(), SINK);
    }

    @AfterAll
    static void stop() throws Exception {
        SINK.release.countDown();
        if (server != null) {
            server.close();
        }
    }

    /** A softswitch: numbered messages, every server message in a queue. */
    static final class Client implements WebSocket.Listener {
        final UUID session = UUID.randomUUID();
        final UUID org = UUID.randomUUID();
        final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket ws;
        long seq;
        long serverseq;

        Map<String, String> headers(IssuedApiKey key) {
            return new java.util.LinkedHashMap<>(Map.of("Audiohook-Organization-Id", org.toString(),
                    "Audiohook-Session-Id", session.toString(), "Audiohook-Correlation-Id", UUID.randomUUID().toString(),
                    "X-API-KEY", key.key()));
        }

        Client connect(Map<String, String> headers) {
            WebSocket.Builder b = HTTP.newWebSocketBuilder();
            headers.forEach(b::header);
            ws = b.buildAsync(URI.create("ws://127.0.0.1:" + server.port() + IngestServer.PATH), this).join();
            return this;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode m = JSON.readTree(partial.toString());
                    serverseq = m.get("seq").asLong();
                    received.add(m);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }

        void send(String type, String position, String params) {
            ObjectNode m = JSON.createObjectNode();
            m.put("version", "2");
            m.put("id", session.toString());
            m.put("type", type);
            m.put("seq", ++seq);
            m.put("serverseq", serverseq);
            m.put("position", position);
            try {
                m.set("parameters", JSON.readTree(params));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            ws.sendText(m.toString(), true).join();
        }

        void audio(byte[] data) {
            ws.sendBinary(ByteBuffer.wrap(data), true).join();
        }

        JsonNode next() throws InterruptedException {
            JsonNode m = received.poll(10, TimeUnit.SECONDS);
            assertNotNull(m, "no server message within 10 s");
            return m;
        }

        JsonNode open() throws InterruptedException {
            send("open", "PT0S", "{\"organizationId\":\"" + org + "\",\"conversationId\":\"" + UUID.randomUUID()
                    + "\",\"participant\":{\"id\":\"" + UUID.randomUUID() + "\",\"ani\":\"+15550142\",\"aniName\":\"\","
                    + "\"dnis\":\"+18005550199\"},\"media\":[{\"type\":\"audio\",\"format\":\"PCMU\","
                    + "\"channels\":[\"external\",\"internal\"],\"rate\":8000}],\"language\":\"en-US\","
                    + "\"supportedLanguages\":true}");
            return next();
        }
    }

    private static byte[] stereo(int samples) {
        byte[] b = new byte[samples * 2];
        for (int i = 0; i < samples; i++) {
            b[2 * i] = 0x11;
            b[2 * i + 1] = 0x22;
        }
        return b;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    @Test
    void aWholeSessionOpenPingPauseResumeAudioTranscriptClose() throws Exception {
        Client c = new Client().connect(new Client().headers(ACME_INGEST));
        c.ws.abort();
        Client client = new Client();
        client.connect(client.headers(ACME_INGEST));
        JsonNode opened = client.open();
        assertEquals("opened", opened.get("type").asText());
        assertEquals(List.of("en-US", "zh-CN"), JSON.convertValue(opened.at("/parameters/supportedLanguages"), List.class));
        assertEquals("external", opened.at("/parameters/media/0/channels/0").asText());

        client.send("ping", "PT0S", "{}");
        JsonNode pong = client.next();
        assertEquals("pong", pong.get("type").asText());
        assertEquals(2, pong.get("clientseq").asLong());

        client.audio(stereo(1600)); // 200 ms
        client.send("paused", "PT0.2S", "{}");
        client.send("resumed", "PT5.2S", "{\"start\":\"PT0.2S\",\"discarded\":\"PT5S\"}");
        client.audio(stereo(1600));
        String callId = client.session.toString();
        await(() -> SINK.framesOf(callId).size() == 8, "8 frames");

        assertTrue(server.sessions().sendTranscript(new Utterance("acme", callId, Track.CUSTOMER, 0, 5_250, 5_350,
                "hello", "hello", List.of(new Word("hello", 5_250, 5_350, 0.9)), 0.9, true)));
        JsonNode event = client.next();
        assertEquals("event", event.get("type").asText());
        JsonNode data = event.at("/parameters/entities/0/data");
        assertEquals("PT0.25S", data.get("offset").asText(), "received-audio time line: 5.25 s minus the 5 s gap");
        assertEquals("hello", data.at("/alternatives/0/interpretations/0/transcript").asText());

        client.send("close", "PT5.4S", "{\"reason\":\"end\"}");
        JsonNode closed = client.next();
        assertEquals("closed", closed.get("type").asText());
        assertEquals(event.get("seq").asLong() + 1, closed.get("seq").asLong());
        client.ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();

        await(() -> SINK.eventsOf(callId).size() == 2, "STARTED and ENDED");
        List<CallEvent> events = SINK.eventsOf(callId);
        assertEquals(CallEvent.Type.STARTED, events.get(0).type());
        assertEquals("acme", events.get(0).tenant());
        assertEquals(CallEvent.Type.ENDED, events.get(1).type());
        assertEquals(5_400, events.get(1).durationMs());
        await(() -> SINK.framesOf(callId).size() == 10, "end-of-track frames");
        List<AudioFrame> customer = SINK.framesOf(callId).stream().filter(f -> f.track() == Track.CUSTOMER).toList();
        assertEquals(List.of(0L, 100L, 5_200L, 5_300L, 5_400L), customer.stream().map(AudioFrame::startMs).toList());
        assertTrue(customer.get(4).endOfTrack());
        await(() -> !server.sessions().contains(callId), "session released");
    }

    private static int refusedWith(Map<String, String> headers) {
        Client c = new Client();
        CompletionException e = assertThrows(CompletionException.class, () -> c.connect(headers));
        assertTrue(e.getCause() instanceof WebSocketHandshakeException, e.toString());
        return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
    }

    @Test
    void wrongOrMissingCredentialsAreRefusedBeforeTheUpgrade() {
        Client c = new Client();
        Map<String, String> noKey = c.headers(ACME_INGEST);
        noKey.remove("X-API-KEY");
        long t0 = System.nanoTime();
        assertEquals(401, refusedWith(noKey));
        assertTrue(System.nanoTime() - t0 >= DELAY.toNanos(), "a refusal waits out the timing-attack delay");
        assertEquals(401, refusedWith(c.headers(KEYS.create("acme", Role.INGEST)))); // not in the registry
        Map<String, String> wrong = c.headers(ACME_INGEST);
        wrong.put("X-API-KEY", ACME_INGEST.key().substring(0, ACME_INGEST.key().length() - 2) + "xx");
        assertEquals(401, refusedWith(wrong));
        assertEquals(403, refusedWith(c.headers(ACME_QA)));
        Map<String, String> noSession = c.headers(ACME_INGEST);
        noSession.put("Audiohook-Session-Id", "not-a-uuid");
        assertEquals(400, refusedWith(noSession));
        assertEquals(401, refusedWith(c.headers(SIGNED_INGEST)), "the tenant has a secret: unsigned is refused");
        assertEquals(0, server.sessions().size());
        assertTrue(server.counters().get("upgrade.refused.401") >= 4, server.counters().snapshot().toString());
    }

    private static Map<String, String> signed(Client c, IssuedApiKey key, String secret, long created) {
        Map<String, String> h = c.headers(key);
        String params = "(\"@request-target\" \"@authority\" \"audiohook-organization-id\" \"audiohook-session-id\""
                + " \"audiohook-correlation-id\" \"x-api-key\");keyid=\"" + key.key() + "\";nonce=\""
                + Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes()).substring(0, 24)
                + "\";alg=\"hmac-sha256\";created=" + created + ";expires=" + (created + 30);
        List<String[]> components = new ArrayList<>();
        components.add(new String[] {"@request-target", IngestServer.PATH});
        components.add(new String[] {"@authority", "127.0.0.1:" + server.port()});
        components.add(new String[] {"audiohook-organization-id", h.get("Audiohook-Organization-Id")});
        components.add(new String[] {"audiohook-session-id", h.get("Audiohook-Session-Id")});
        components.add(new String[] {"audiohook-correlation-id", h.get("Audiohook-Correlation-Id")});
        components.add(new String[] {"x-api-key", key.key()});
        byte[] mac = SignatureVerifier.hmac(SignatureVerifier.decodeSecret(secret).orElseThrow(),
                SignatureVerifier.signatureBase(components, params));
        h.put("Signature-Input", "sig1=" + params);
        h.put("Signature", "sig1=:" + Base64.getEncoder().encodeToString(mac) + ":");
        return h;
    }

    @Test
    void aSignedUpgradeIsAcceptedOnceAndAReplayOrAWrongSecretIsNot() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        Client c = new Client();
        Map<String, String> headers = signed(c, SIGNED_INGEST, SECRET, now);
        c.connect(headers);
        assertEquals("opened", c.open().get("type").asText());
        c.send("close", "PT0S", "{\"reason\":\"end\"}");
        assertEquals("closed", c.next().get("type").asText());
        c.ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();

        assertEquals(401, refusedWith(headers), "the same signed request again: a replay");
        Client d = new Client();
        assertEquals(401, refusedWith(signed(d, SIGNED_INGEST, Base64.getEncoder().encodeToString(new byte[32]), now)));
        assertEquals(401, refusedWith(signed(d, SIGNED_INGEST, SECRET, now - 60)), "too old");
    }

    @Test
    void anAbruptDisconnectEndsTheCallAndKeepsItsAudio() throws Exception {
        Client client = new Client();
        client.connect(client.headers(ACME_INGEST));
        client.open();
        client.audio(stereo(1200));
        String callId = client.session.toString();
        await(() -> SINK.framesOf(callId).size() == 2, "first frames");
        client.ws.abort();
        await(() -> SINK.eventsOf(callId).size() == 2, "ENDED");
        CallEvent ended = SINK.eventsOf(callId).get(1);
        assertTrue(ended.endReason().contains("socket closed without close message"), ended.endReason());
        assertEquals(4, SINK.framesOf(callId).size(), "the pending 50 ms too, as the last frames of the tracks");
    }

    @Test
    void aProtocolViolationDisconnectsThatSessionOnly() throws Exception {
        Client bad = new Client();
        bad.connect(bad.headers(ACME_INGEST));
        Client good = new Client();
        good.connect(good.headers(ACME_INGEST));
        bad.audio(stereo(10));
        JsonNode disconnect = bad.next();
        assertEquals("disconnect", disconnect.get("type").asText());
        assertEquals("error", disconnect.at("/parameters/reason").asText());
        assertEquals("opened", good.open().get("type").asText());
        good.send("ping", "PT0S", "{}");
        assertEquals("pong", good.next().get("type").asText());
        bad.send("close", "PT0S", "{\"reason\":\"disconnect\"}");
        assertEquals("closed", bad.next().get("type").asText());
        assertTrue(server.counters().get("protocol_error.audio_before_open") >= 1);
    }

    @Test
    void aStuckKafkaForOneCallBlocksNeitherItsProtocolNorOtherCalls() throws Exception {
        Client stuck = new Client();
        String stuckId = stuck.session.toString();
        SINK.blockOn = stuckId::equals;
        stuck.connect(stuck.headers(ACME_INGEST));
        stuck.open();
        Client other = new Client();
        other.connect(other.headers(ACME_INGEST));
        other.open();
        for (int i = 0; i < 4; i++) {
            stuck.audio(stereo(1600)); // 3.2 KB each: past the 8 KB bound on the third
        }
        stuck.send("ping", "PT0.8S", "{}");
        JsonNode disconnect = stuck.next();
        assertEquals("disconnect", disconnect.get("type").asText(), disconnect.toString());
        assertTrue(disconnect.at("/parameters/info").asText().contains("kept"));
        assertEquals("pong", stuck.next().get("type").asText(), "pongs still flow");

        other.audio(stereo(1600));
        String otherId = other.session.toString();
        await(() -> SINK.framesOf(otherId).size() == 4, "the other call's frames");

        stuck.send("close", "PT0.8S", "{\"reason\":\"disconnect\"}");
        assertEquals("closed", stuck.next().get("type").asText());
        SINK.release.countDown(); // Kafka is back: what was kept is published
        await(() -> SINK.eventsOf(stuckId).size() == 2, "the stuck call's STARTED and ENDED");
        assertEquals(CallEvent.Type.ENDED, SINK.eventsOf(stuckId).get(1).type());
        assertEquals(16 + 2, SINK.framesOf(stuckId).size(), "all 800 ms of audio kept, plus the end-of-track frames");
        assertFalse(SINK.framesOf(stuckId).isEmpty());
        SINK.blockOn = id -> false;
    }
}
