package io.callsight.ingest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callsight.events.JsonCodec;
import io.callsight.events.Track;
import io.callsight.events.Utterance;
import io.callsight.events.Word;
import io.callsight.tenants.Retention;
import io.callsight.tenants.Role;
import io.callsight.tenants.Tenant;
import io.callsight.tenants.TenantRegistry;
import io.callsight.tenants.auth.ApiKeys;
import io.callsight.tenants.auth.IssuedApiKey;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /api/v1/calls/{id}/live on the real Jetty server, results pushed through the connector's dispatch (no Kafka). */
class LiveCallStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonCodec<Utterance> CODEC = JsonCodec.of(Utterance.class);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration HEARTBEAT = Duration.ofMillis(300);

    private static final ApiKeys KEYS = new ApiKeys();
    private static final IssuedApiKey ACME_QA = KEYS.create("acme", Role.QA);
    private static final IssuedApiKey ACME_INGEST = KEYS.create("acme", Role.INGEST);
    private static final IssuedApiKey GLOBEX_QA = KEYS.create("globex", Role.QA);
    private static IngestServer server;

    @BeforeAll
    static void start() throws Exception {
        Tenant acme = new Tenant("acme", "Acme", List.of("en"), ZoneId.of("UTC"), new Retention(30, 30),
                List.of(ACME_QA.stored(), ACME_INGEST.stored()), Optional.empty());
        Tenant globex = new Tenant("globex", "Globex", List.of("en"), ZoneId.of("UTC"), new Retention(30, 30),
                List.of(GLOBEX_QA.stored()), Optional.empty());
        TenantRegistry registry = new TenantRegistry(List.of(acme, globex));
        IngestServer.Config config = IngestServer.Config.defaults(0).withHost("127.0.0.1")
                .withAuthFailureDelay(Duration.ofMillis(100)).withLiveStreams(HEARTBEAT, 256 << 10);
        server = IngestServer.start(config, () -> registry, t -> Optional.empty(), new RecordingSink());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static URI live(String callId) {
        return URI.create("http://127.0.0.1:" + server.port() + "/api/v1/calls/" + callId + "/live");
    }

    private static int status(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** An EventSource: every line of the stream, as it arrives. */
    static final class EventStream implements AutoCloseable {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final HttpResponse<java.util.stream.Stream<String>> response;
        private final Thread reader;

        EventStream(String callId, String header, String value) throws Exception {
            response = HTTP.send(HttpRequest.newBuilder(live(callId)).header(header, value).build(),
                    HttpResponse.BodyHandlers.ofLines());
            reader = new Thread(() -> {
                try {
                    response.body().forEach(lines::add);
                } catch (RuntimeException e) {
                    lines.add("<closed: " + e + ">");
                }
            }, "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        /** The next event (comments skipped), as its lines. */
        List<String> nextEvent() throws InterruptedException {
            List<String> event = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                assertNotNull(line, "no event within 10 s; so far " + event);
                if (line.isEmpty()) {
                    if (!event.isEmpty()) {
                        return event;
                    }
                } else if (!line.startsWith(":") && !line.startsWith("retry:")) {
                    event.add(line);
                }
            }
        }

        /** Waits until a heartbeat comment arrives; returns every non-comment line seen before it. */
        List<String> untilHeartbeat() throws InterruptedException {
            List<String> seen = new ArrayList<>();
            while (true) {
                String line = lines.poll(10, TimeUnit.SECONDS);
                assertNotNull(line, "no heartbeat within 10 s");
                if (line.equals(": heartbeat")) {
                    return seen;
                }
                if (!line.isEmpty() && !line.startsWith(":") && !line.startsWith("retry:")) {
                    seen.add(line);
                }
            }
        }

        @Override
        public void close() {
            response.body().close();
            reader.interrupt();
        }
    }

    private static Utterance utterance(String tenant, String callId, int idx, String text, boolean isFinal) {
        return new Utterance(tenant, callId, Track.AGENT, idx, 2_000, 2_600, text, text,
                List.of(new Word(text, 2_000, 2_600, 0.8)), 0.8, isFinal);
    }

    private static void push(Utterance u) {
        server.transcripts().dispatch(u.callId(), CODEC.encode(u));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    @Test
    void aMissingOrInvalidKeyIs401AndANonQaKeyIs403() throws Exception {
        String call = UUID.randomUUID().toString();
        assertEquals(401, status(HttpRequest.newBuilder(live(call))));
        assertEquals(401, status(HttpRequest.newBuilder(live(call)).header("X-API-KEY", "csk_nope_nope")));
        assertEquals(401, status(HttpRequest.newBuilder(live(call))
                .header("Authorization", "Bearer " + KEYS.create("acme", Role.QA).key())), "not in the registry");
        assertEquals(403, status(HttpRequest.newBuilder(live(call)).header("X-API-KEY", ACME_INGEST.key())));
        assertEquals(405, status(HttpRequest.newBuilder(live(call)).header("X-API-KEY", ACME_QA.key())
                .POST(HttpRequest.BodyPublishers.noBody())));
        assertEquals(0, server.liveStreams().subscribers(call));
        assertTrue(server.counters().get("live.refused.401") >= 3);
    }

    @Test
    void theRightKeyReceivesPartialsAndFinalsAsTheyComeAndSoDoesEverySubscriber() throws Exception {
        String call = UUID.randomUUID().toString();
        try (EventStream a = new EventStream(call, "X-API-KEY", ACME_QA.key());
                EventStream b = new EventStream(call, "Authorization", "Bearer " + ACME_QA.key())) {
            assertEquals(200, a.response.statusCode());
            assertEquals("text/event-stream;charset=utf-8", a.response.headers().firstValue("Content-Type").orElse(""));
            await(() -> server.liveStreams().subscribers(call) == 2, "two subscribers");

            push(utterance("acme", call, 0, "good mor", false));
            push(utterance("acme", call, 0, "good morning", true));
            for (EventStream s : List.of(a, b)) {
                List<String> partial = s.nextEvent();
                assertEquals("event: partial", partial.get(0));
                assertEquals("id: " + call + "/AGENT/0", partial.get(1));
                JsonNode data = JSON.readTree(partial.get(2).substring("data: ".length()));
                assertEquals("good mor", data.get("text").asText());
                assertEquals(false, data.get("isFinal").asBoolean());

                List<String> fin = s.nextEvent();
                assertEquals("event: final", fin.get(0));
                JsonNode d = JSON.readTree(fin.get(2).substring("data: ".length()));
                assertEquals(call, d.get("callId").asText());
                assertEquals("AGENT", d.get("track").asText());
                assertEquals(0, d.get("idx").asInt());
                assertEquals(2_000, d.get("startMs").asLong());
                assertEquals(2_600, d.get("endMs").asLong());
                assertEquals("good morning", d.get("text").asText());
                assertTrue(d.get("isFinal").asBoolean());
                assertEquals("good morning", d.at("/words/0/word").asText());
            }
            assertTrue(a.untilHeartbeat().isEmpty(), "a quiet stream gets heartbeats");
        }
    }

    @Test
    void anotherTenantsQaKeySeesNothingOfTheCall() throws Exception {
        String call = UUID.randomUUID().toString();
        try (EventStream acme = new EventStream(call, "X-API-KEY", ACME_QA.key());
                EventStream globex = new EventStream(call, "X-API-KEY", GLOBEX_QA.key())) {
            assertEquals(200, globex.response.statusCode(), "a foreign call looks like an unknown one: an empty stream");
            await(() -> server.liveStreams().subscribers(call) == 2, "two subscribers");
            push(utterance("acme", call, 0, "my card is [redacted]", true));
            assertEquals("event: final", acme.nextEvent().get(0));
            // the heartbeat is queued after the result, so had globex been sent it, it would come before
            List<String> seen = new ArrayList<>(globex.untilHeartbeat());
            seen.addAll(globex.untilHeartbeat()); // this one was sent after the result
            assertTrue(seen.isEmpty(), "not a line of another tenant's call: " + seen);
            push(utterance("globex", call, 1, "globex's own", true)); // the same id in globex: its own records only
            List<String> own = globex.nextEvent();
            assertTrue(own.get(2).contains("globex's own"), own.toString());
            List<String> acmeSaw = new ArrayList<>(acme.untilHeartbeat());
            acmeSaw.addAll(acme.untilHeartbeat());
            assertTrue(acmeSaw.isEmpty(), acmeSaw.toString());
        }
    }

    @Test
    void aSubscriberThatLeavesIsForgottenAndASlowOneIsDropped() throws Exception {
        String gone = UUID.randomUUID().toString();
        EventStream s = new EventStream(gone, "X-API-KEY", ACME_QA.key());
        await(() -> server.liveStreams().subscribers(gone) == 1, "subscriber");
        s.close();
        await(() -> server.liveStreams().subscribers(gone) == 0, "the subscriber forgotten after the client left");

        String slow = UUID.randomUUID().toString();
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/calls/" + slow + "/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-KEY: " + ACME_QA.key()
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await(() -> server.liveStreams().subscribers(slow) == 1, "slow subscriber");
            long dropped = server.counters().get("live.dropped_slow");
            String text = "x".repeat(4096);
            // never read: the socket buffers fill, then the subscriber's queue passes its 256 KiB
            for (int i = 0; i < 20_000 && server.liveStreams().subscribers(slow) > 0; i++) {
                push(utterance("acme", slow, i, text, true));
            }
            await(() -> server.liveStreams().subscribers(slow) == 0, "the slow subscriber dropped");
            assertEquals(dropped + 1, server.counters().get("live.dropped_slow"));
        }
    }
}
