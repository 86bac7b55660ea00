package io.callsight.ingest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callsight.events.JsonCodec;
import io.callsight.events.Topics;
import io.callsight.events.Track;
import io.callsight.events.Utterance;
import io.callsight.events.Word;
import io.callsight.stack.EmbeddedKafka;
import io.callsight.stack.StackConfig;
import io.callsight.tenants.Retention;
import io.callsight.tenants.Role;
import io.callsight.tenants.Tenant;
import io.callsight.tenants.TenantRegistry;
import io.callsight.tenants.auth.ApiKeys;
import io.callsight.tenants.auth.IssuedApiKey;
import io.callsight.tenants.registry.TenantRegistryFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production wiring ({@code IngestServer.start(config, registryFile, dataDir, kafka)}) against a real KRaft broker
 * (ports 29600/29601): a result published to calls.transcripts reaches both the call's AudioHook session, as an
 * {@code event}, and a QA console's SSE stream; an aborted transaction's result reaches neither.
 */
@Tag("stack")
class TranscriptConnectorIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ApiKeys KEYS = new ApiKeys();
    private static final IssuedApiKey INGEST = KEYS.create("acme", Role.INGEST);
    private static final IssuedApiKey QA = KEYS.create("acme", Role.QA);

    @TempDir
    static Path dataDir;
    private static EmbeddedKafka kafka;
    private static String bootstrap;
    private static IngestServer server;

    @BeforeAll
    static void start() throws Exception {
        StackConfig config = StackConfig.builder().dataDir(dataDir.resolve("stack")).kafkaPort(29600)
                .kafkaControllerPort(29601).build();
        kafka = new EmbeddedKafka(config);
        kafka.start();
        kafka.awaitHealthy(EmbeddedKafka.DEFAULT_HEALTH_TIMEOUT);
        kafka.ensureTopics(Map.of(Topics.EVENTS, 1, Topics.AUDIO, 1, Topics.TRANSCRIPTS, 2));
        bootstrap = config.kafkaBootstrap();

        Path registry = dataDir.resolve("tenants.yaml");
        TenantRegistryFile.write(registry, new TenantRegistry(List.of(new Tenant("acme", "Acme", List.of("en"),
                ZoneId.of("UTC"), new Retention(30, 30), List.of(INGEST.stored(), QA.stored()), Optional.empty()))));
        server = IngestServer.start(IngestServer.Config.defaults(0).withHost("127.0.0.1"), registry, dataDir, bootstrap);
        assertTrue(server.transcripts().awaitAssigned(Duration.ofSeconds(30)), "connector assigned its partitions");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (kafka != null) {
            kafka.stop(Duration.ofSeconds(20));
        }
    }

    /** Just enough of a softswitch: every server message in a queue. */
    static final class Softswitch implements WebSocket.Listener {
        final UUID session = UUID.randomUUID();
        final UUID org = UUID.randomUUID();
        final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket ws;

        Softswitch connect() {
            ws = HTTP.newWebSocketBuilder().header("X-API-KEY", INGEST.key())
                    .header("Audiohook-Organization-Id", org.toString())
                    .header("Audiohook-Session-Id", session.toString())
                    .header("Audiohook-Correlation-Id", UUID.randomUUID().toString())
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + IngestServer.PATH), this).join();
            return this;
        }

        void send(long seq, long serverseq, String type, String params) {
            ws.sendText("{\"version\":\"2\",\"id\":\"" + session + "\",\"type\":\"" + type + "\",\"seq\":" + seq
                    + ",\"serverseq\":" + serverseq + ",\"position\":\"PT0S\",\"parameters\":" + params + "}", true).join();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    received.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        JsonNode next() throws InterruptedException {
            JsonNode m = received.poll(20, TimeUnit.SECONDS);
            assertNotNull(m, "no server message within 20 s");
            return m;
        }
    }

    private static Utterance utterance(String callId, int idx, String text) {
        return new Utterance("acme", callId, Track.CUSTOMER, idx, 300, 900, text, text,
                List.of(new Word(text, 300, 900, 0.95)), 0.95, true);
    }

    @Test
    void aCommittedResultReachesTheSessionAndTheConsoleAndAnAbortedOneNeither() throws Exception {
        Softswitch client = new Softswitch().connect();
        client.send(1, 0, "open", "{\"organizationId\":\"" + client.org + "\",\"conversationId\":\"" + UUID.randomUUID()
                + "\",\"participant\":{\"id\":\"" + UUID.randomUUID() + "\",\"ani\":\"+15550142\",\"aniName\":\"\","
                + "\"dnis\":\"+18005550199\"},\"media\":[{\"type\":\"audio\",\"format\":\"PCMU\","
                + "\"channels\":[\"external\",\"internal\"],\"rate\":8000}],\"language\":\"en-US\"}");
        assertEquals("opened", client.next().get("type").asText());
        String callId = client.session.toString();

        BlockingQueue<String> sse = new LinkedBlockingQueue<>();
        HttpResponse<java.util.stream.Stream<String>> stream = HTTP.send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + server.port() + "/api/v1/calls/" + callId + "/live")).header("X-API-KEY", QA.key())
                .build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, stream.statusCode());
        Thread reader = new Thread(() -> stream.body().forEach(sse::add), "sse-reader");
        reader.setDaemon(true);
        reader.start();

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "speech-job-test");
        JsonCodec<Utterance> codec = JsonCodec.of(Utterance.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.TRANSCRIPTS, callId, codec.encode(utterance(callId, 0, "aborted"))));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.TRANSCRIPTS, callId, "not an utterance".getBytes(StandardCharsets.UTF_8)));
            producer.send(new ProducerRecord<>(Topics.TRANSCRIPTS, callId, codec.encode(utterance(callId, 0, "hello there"))));
            producer.commitTransaction();
        }

        JsonNode event = client.next();
        assertEquals("event", event.get("type").asText(), event.toString());
        JsonNode data = event.at("/parameters/entities/0/data");
        assertEquals("hello there", data.at("/alternatives/0/interpretations/0/transcript").asText());
        assertTrue(data.get("isFinal").asBoolean());
        assertEquals(0, data.get("channelId").asInt(), "CUSTOMER = external = channel 0");

        String dataLine = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String previous = "";
        while (dataLine == null) {
            String line = sse.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertNotNull(line, "no SSE event within 20 s");
            if (line.startsWith("data: ")) {
                assertEquals("id: " + callId + "/CUSTOMER/0", previous);
                dataLine = line;
            }
            previous = line;
        }
        JsonNode sent = JSON.readTree(dataLine.substring("data: ".length()));
        assertEquals("hello there", sent.get("text").asText(), "the aborted result never came");
        assertTrue(server.counters().get("transcripts.malformed") >= 1, server.counters().snapshot().toString());
        assertEquals(1, server.counters().get("transcripts.to_session"));

        client.send(2, event.get("seq").asLong(), "close", "{\"reason\":\"end\"}");
        assertEquals("closed", client.next().get("type").asText());
        client.ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        stream.body().close();
    }
}
