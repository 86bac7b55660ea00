package io.callsight.ingest.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against a scripted, misbehaving server: what it does when the server breaks the protocol. */
public class ScriptedServerTest {
    /** Jetty calls endpoints through method handles: the class must be public. */
    public static final class Scripted implements Session.Listener.AutoDemanding {
        private final BiConsumer<JsonNode, Session> script;
        private final List<JsonNode> received;
        private Session session;

        Scripted(BiConsumer<JsonNode, Session> script, List<JsonNode> received) {
            this.script = script;
            this.received = received;
        }

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
        }

        @Override
        public void onWebSocketText(String message) {
            try {
                JsonNode m = ClientMessages.JSON.readTree(message);
                received.add(m);
                script.accept(m, session);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private Server server;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();

    /** A server that records every client message and lets {@code script} answer it. */
    private URI start(BiConsumer<JsonNode, Session> script) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ContextHandler context = new ContextHandler("/");
        context.setHandler(WebSocketUpgradeHandler.from(server, context, c -> c.addMapping("/ws",
                (rq, rs, cb) -> new Scripted(script, received))));
        server.setHandler(context);
        server.start();
        return URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/ws");
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private static String reply(JsonNode to, String type, long seq, String params) {
        return "{\"version\":\"2\",\"id\":\"" + to.get("id").asText() + "\",\"type\":\"" + type + "\",\"seq\":" + seq
                + ",\"clientseq\":" + to.get("seq").asLong() + ",\"parameters\":" + params + "}";
    }

    private static ReplayAudio silence(int ms) {
        return new ReplayAudio("s.wav", new byte[ms * 8], new byte[ms * 8]);
    }

    private List<String> types() {
        return received.stream().map(m -> m.get("type").asText()).toList();
    }

    @Test
    void anOpenedWithMediaNeverOfferedIsAnErrorThenClose() throws Exception {
        URI url = start((m, s) -> {
            switch (m.get("type").asText()) {
                case "open" -> s.sendText(reply(m, "opened", 1, "{\"media\":[{\"type\":\"audio\",\"format\":\"PCMU\","
                        + "\"channels\":[\"internal\",\"external\"],\"rate\":8000}]}"), Callback.NOOP);
                case "close" -> s.sendText(reply(m, "closed", 2, "{}"), Callback.NOOP);
                default -> {
                }
            }
        });
        AudioHookClient.Summary summary = new AudioHookClient(AudioHookClient.Options.of(url, "k"))
                .run(silence(200), e -> { });
        assertFalse(summary.ok());
        assertTrue(summary.closed(), summary.toString());
        assertTrue(summary.failure().contains("is not one of the offers"), summary.failure());
        assertEquals(List.of("open", "error", "close"), types());
        assertEquals(400, received.get(1).at("/parameters/code").asInt());
        assertEquals("error", received.get(2).at("/parameters/reason").asText());
        assertEquals(3, received.get(2).get("seq").asLong());
        assertEquals(1, received.get(2).get("serverseq").asLong());
    }

    @Test
    void aServerSeqOutOfOrderAndAMissingClosedAreReported() throws Exception {
        URI url = start((m, s) -> {
            if (m.get("type").asText().equals("open")) {
                s.sendText(reply(m, "opened", 2, "{\"media\":[]}"), Callback.NOOP);
            }
        });
        AudioHookClient.Summary summary = new AudioHookClient(AudioHookClient.Options.of(url, "k")
                .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300), Duration.ofSeconds(5)))
                .run(silence(200), e -> { });
        assertFalse(summary.ok());
        assertTrue(summary.failure().startsWith("server seq 2 where 1 was due"), summary.failure());
        assertEquals(List.of("open", "error", "close", "error"), types(), "the last: no closed within 300 ms");
        assertEquals(408, received.get(3).at("/parameters/code").asInt());
    }

    @Test
    void pauseAndResumeFromTheServerAreAnsweredWithTheSkippedSpan() throws Exception {
        URI url = start((m, s) -> {
            switch (m.get("type").asText()) {
                case "open" -> {
                    s.sendText(reply(m, "opened", 1, "{\"media\":[{\"type\":\"audio\",\"format\":\"PCMU\","
                            + "\"channels\":[\"external\"],\"rate\":8000}],\"startPaused\":true}"), Callback.NOOP);
                }
                case "paused" -> s.sendText(reply(m, "resume", 2, "{}"), Callback.NOOP);
                case "close" -> s.sendText(reply(m, "closed", 3, "{}"), Callback.NOOP);
                default -> {
                }
            }
        });
        AudioHookClient.Summary summary = new AudioHookClient(AudioHookClient.Options.of(url, "k")
                .withOffers(List.of(new Media("PCMU", List.of("external"), 8000)))).run(silence(400), e -> { });
        assertTrue(summary.ok(), summary.toString());
        assertEquals(List.of("open", "paused", "resumed", "close"), types());
        JsonNode resumed = received.get(2);
        Duration start = StreamDuration.parse(resumed.at("/parameters/start").asText());
        Duration gap = StreamDuration.parse(resumed.at("/parameters/discarded").asText());
        assertEquals(Duration.ZERO, start);
        assertEquals(StreamDuration.parse(resumed.get("position").asText()), start.plus(gap));
        assertEquals(20, summary.framesSent() + summary.framesPaused());
        assertEquals("PT0.4S", received.get(3).get("position").asText());
    }
}
