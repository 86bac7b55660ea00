package io.callsight.ingest.live;

import io.callsight.ingest.CallSink;
import io.callsight.ingest.KafkaCallSink;
import io.callsight.ingest.audiohook.AudioHookSession;
import io.callsight.ingest.audiohook.ProtocolCounters;
import io.callsight.ingest.audiohook.SessionIdentity;
import io.callsight.ingest.audiohook.SessionSettings;
import io.callsight.ingest.audiohook.SessionTransport;
import io.callsight.ingest.audiohook.SignatureVerifier;
import io.callsight.tenants.Tenant;
import io.callsight.tenants.TenantPaths;
import io.callsight.tenants.TenantRegistry;
import io.callsight.tenants.crypto.AudioHookSecrets;
import io.callsight.tenants.crypto.CallerIdSalts;
import io.callsight.tenants.crypto.MasterKey;
import io.callsight.tenants.registry.TenantRegistryWatcher;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live ingest service: AudioHook v2 over WebSocket at {@value #PATH} (Jetty 12), every session an
 * {@link AudioHookSession} publishing through a {@link BufferedCallOutput}. Requests are authenticated before the
 * upgrade ({@link UpgradeAuthenticator}); a refusal is an HTTP status, sent no earlier than
 * {@link Config#authFailureDelay} after the request arrived (spec §2, against timing attacks).
 *
 * <p>Results come back through the {@link TranscriptConnector} (calls.transcripts, when Kafka is configured): to the
 * call's session as AudioHook {@code event}s, and to QA consoles streaming {@code GET /api/v1/calls/{id}/live}
 * (Server-Sent Events, {@link LiveCallStreams}) on the same server.
 */
public final class IngestServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestServer.class);
    public static final String PATH = "/api/v1/audiohook/ws";

    /**
     * @param port             0 for any free port
     * @param publicAuthority  the Host clients sign, if a proxy rewrites it; null for the request's
     * @param maxBufferedBytes per call, audio waiting for Kafka before the session is told
     * @param liveHeartbeat    how often a live stream (SSE) gets a comment line when nothing else is sent
     * @param liveMaxQueued    per live-stream subscriber, bytes not yet written before it is dropped
     */
    public record Config(String host, int port, SessionSettings session, Duration authFailureDelay,
            long maxBufferedBytes, Duration publishGiveUp, String publicAuthority, Duration liveHeartbeat,
            long liveMaxQueued) {
        public static Config defaults(int port) {
            // `closed` waits up to 5 s after `close`: the last utterances' finals are still being recognized (§9.3)
            return new Config("0.0.0.0", port, SessionSettings.DEFAULTS.withCloseGrace(Duration.ofSeconds(5)),
                    Duration.ofMillis(500), 4L << 20,
                    Duration.ofMinutes(5), null, Duration.ofSeconds(15), 1L << 20);
        }

        public Config withHost(String h) {
            return new Config(h, port, session, authFailureDelay, maxBufferedBytes, publishGiveUp, publicAuthority,
                    liveHeartbeat, liveMaxQueued);
        }

        public Config withAuthFailureDelay(Duration d) {
            return new Config(host, port, session, d, maxBufferedBytes, publishGiveUp, publicAuthority, liveHeartbeat,
                    liveMaxQueued);
        }

        public Config withMaxBufferedBytes(long b) {
            return new Config(host, port, session, authFailureDelay, b, publishGiveUp, publicAuthority, liveHeartbeat,
                    liveMaxQueued);
        }

        public Config withSession(SessionSettings s) {
            return new Config(host, port, s, authFailureDelay, maxBufferedBytes, publishGiveUp, publicAuthority,
                    liveHeartbeat, liveMaxQueued);
        }

        public Config withLiveStreams(Duration heartbeat, long maxQueued) {
            return new Config(host, port, session, authFailureDelay, maxBufferedBytes, publishGiveUp, publicAuthority,
                    heartbeat, maxQueued);
        }
    }

    private final Config config;
    private final UpgradeAuthenticator authenticator;
    private final LiveSessions sessions = new LiveSessions();
    private final ProtocolCounters counters = new ProtocolCounters();
    private final ScheduledExecutorService timers;
    private final ScheduledExecutorService publishers;
    private final BufferedCallOutput output;
    private final CallSink sink;
    private final LiveCallStreams streams;
    private final LiveCallEndpoint liveEndpoint;
    private final TranscriptConnector transcripts;
    private final List<AutoCloseable> owned;
    private final Clock clock = Clock.systemUTC();
    private final Server server;
    private int port;

    private IngestServer(Config config, Supplier<TenantRegistry> registry, Function<Tenant, Optional<String>> secrets,
            Function<String, String> callerIdSalt, CallSink sink, List<AutoCloseable> owned) {
        this.config = config;
        this.sink = sink;
        this.owned = owned;
        this.authenticator = new UpgradeAuthenticator(registry, secrets, new SignatureVerifier(clock), sessions::contains,
                config.publicAuthority(), callerIdSalt);
        this.timers = Executors.newSingleThreadScheduledExecutor(daemon("audiohook-timers"));
        this.publishers = Executors.newScheduledThreadPool(2, daemon("audiohook-publisher"));
        this.output = new BufferedCallOutput(sink, publishers, config.maxBufferedBytes(), config.publishGiveUp(), counters);
        this.streams = new LiveCallStreams(config.liveMaxQueued(), counters);
        this.liveEndpoint = new LiveCallEndpoint(registry, streams, timers, config.authFailureDelay(), counters);
        this.transcripts = new TranscriptConnector(sessions, streams, counters);
        this.server = new Server();
    }

    /** A server on a given registry and sink (tests, or a launcher that owns both). */
    public static IngestServer start(Config config, Supplier<TenantRegistry> registry,
            Function<Tenant, Optional<String>> secrets, CallSink sink) throws Exception {
        IngestServer s = new IngestServer(config, registry, secrets, tenantId -> tenantId, sink, List.of());
        s.startJetty();
        return s;
    }

    /**
     * The production wiring: the registry file watched for changes, client secrets decrypted with the master key of
     * {@code dataDir} (or {@code CALLSIGHT_MASTER_KEY}), calls published to Kafka as they come.
     */
    public static IngestServer start(Config config, Path registryFile, Path dataDir, String kafkaBootstrap)
            throws Exception {
        Map<String, String> env = System.getenv();
        TenantPaths paths = TenantPaths.resolve(dataDir, registryFile, env);
        TenantRegistryWatcher watcher = TenantRegistryWatcher.start(paths.registry());
        MasterKey master = MasterKey.configured(paths, env) ? MasterKey.load(paths, env) : null;
        AudioHookSecrets secrets = master != null ? new AudioHookSecrets(master) : null;
        // without a master key the tenant id keeps tenants' hashes apart, but anyone can recompute them
        Function<String, String> callerIdSalt = master != null ? new CallerIdSalts(master)::forTenant : tenantId -> tenantId;
        Function<Tenant, Optional<String>> reveal = tenant -> {
            if (tenant.audioHookSecret().isEmpty()) {
                return Optional.empty();
            }
            if (secrets == null) {
                throw new IllegalStateException("tenant has an AudioHook secret but no master key is configured");
            }
            return secrets.reveal(tenant);
        };
        KafkaCallSink sink = KafkaCallSink.streaming(kafkaBootstrap, 5_000);
        IngestServer s = new IngestServer(config, watcher::current, reveal, callerIdSalt, sink, List.of(sink, watcher));
        try {
            s.startJetty();
            s.transcripts.start(kafkaBootstrap, UUID.randomUUID());
        } catch (Exception | Error e) {
            s.close();
            throw e;
        }
        return s;
    }

    private void startJetty() throws Exception {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(config.host());
        connector.setPort(config.port());
        server.addConnector(connector);
        ContextHandler context = new ContextHandler("/");
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, context, container -> {
            // generous transport limits: the session enforces the protocol's own (64 KiB) with a reason
            container.setMaxTextMessageSize(1 << 20);
            container.setMaxBinaryMessageSize(1 << 20);
            container.setIdleTimeout(Duration.ofSeconds(60));
            container.addMapping(PATH, this::upgrade);
        });
        ws.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (Request.getPathInContext(request).equals("/health")) {
                    response.setStatus(200);
                    response.write(true, ByteBuffer.wrap(("{\"sessions\":" + sessions.size() + ",\"liveSubscribers\":"
                            + streams.size() + "}").getBytes(StandardCharsets.UTF_8)), callback);
                    return true;
                }
                if (liveEndpoint.handle(request, response, callback)) {
                    return true;
                }
                Response.writeError(request, response, callback, 404);
                return true;
            }
        });
        context.setHandler(ws);
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
        timers.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
        long heartbeat = config.liveHeartbeat().toMillis();
        timers.scheduleAtFixedRate(streams::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        LOG.info("AudioHook server listening on {}:{}{}, live transcripts on /api/v1/calls/{id}/live", config.host(),
                port, PATH);
    }

    private void tick() {
        try {
            sessions.tick();
        } catch (RuntimeException e) {
            LOG.warn("session timers: {}", e.toString());
        }
    }

    private Object upgrade(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        long arrived = request.getHeadersNanoTime();
        String target = request.getHttpURI().getPathQuery();
        String authority = request.getHeaders().get(HttpHeader.HOST);
        UpgradeAuthenticator.Decision d = authenticator.decide(target, authority,
                name -> request.getHeaders().getValuesList(name.toLowerCase(Locale.ROOT)));
        if (d.accepted()) {
            counters.increment("upgrade.accepted");
            return new Endpoint(d.identity());
        }
        counters.increment("upgrade.refused." + d.status());
        LOG.warn("refused AudioHook upgrade from {} with {}: {}", request.getConnectionMetaData().getRemoteSocketAddress(),
                d.status(), d.reason());
        long waitNanos = config.authFailureDelay().toNanos() - (System.nanoTime() - arrived);
        Runnable refuse = () -> Response.writeError(request, response, callback, d.status());
        if (waitNanos > 0) {
            timers.schedule(refuse, waitNanos, TimeUnit.NANOSECONDS);
        } else {
            refuse.run();
        }
        return null;
    }

    /** Jetty's side of one session: messages in order, handed to the session. */
    public final class Endpoint implements Session.Listener.AutoDemanding {
        private final SessionIdentity identity;
        private AudioHookSession session;

        Endpoint(SessionIdentity identity) {
            this.identity = identity;
        }

        @Override
        public void onWebSocketOpen(Session socket) {
            SessionTransport transport = new SessionTransport() {
                @Override
                public void sendText(String message) {
                    socket.sendText(message, org.eclipse.jetty.websocket.api.Callback.from(() -> {
                    }, e -> LOG.debug("session {}: send failed: {}", identity.sessionId(), e.toString())));
                }

                @Override
                public void close(String reason) {
                    socket.close(1000, reason, org.eclipse.jetty.websocket.api.Callback.NOOP);
                }
            };
            session = new AudioHookSession(identity, config.session(), transport, output, counters, clock);
            if (!sessions.register(session)) {
                LOG.warn("session {} opened twice at once: closing the second socket", identity.sessionId());
                session = null;
                socket.close(1008, "session already open", org.eclipse.jetty.websocket.api.Callback.NOOP);
            }
        }

        @Override
        public void onWebSocketText(String message) {
            if (session != null) {
                session.onText(message);
            }
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, org.eclipse.jetty.websocket.api.Callback callback) {
            byte[] data = new byte[payload.remaining()];
            payload.get(data);
            callback.succeed();
            if (session != null) {
                session.onBinary(data);
            }
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            if (session != null) {
                session.onSocketClosed(statusCode, reason);
                sessions.remove(session);
            }
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            LOG.warn("session {}: {}", identity.sessionId(), cause.toString());
        }
    }

    public int port() {
        return port;
    }

    public LiveSessions sessions() {
        return sessions;
    }

    public ProtocolCounters counters() {
        return counters;
    }

    /** Where calls.transcripts records are handed in (by its own Kafka consumer in production, by tests directly). */
    public TranscriptConnector transcripts() {
        return transcripts;
    }

    public LiveCallStreams liveStreams() {
        return streams;
    }

    /** Asks every client to end its session, stops accepting, and gives queued audio a few seconds to reach Kafka. */
    @Override
    public void close() throws Exception {
        sessions.disconnectAll("server shutting down");
        transcripts.close();
        streams.closeAll();
        server.stop();
        timers.shutdownNow();
        publishers.shutdown();
        publishers.awaitTermination(10, TimeUnit.SECONDS);
        for (AutoCloseable c : owned) {
            c.close();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** {@code IngestServer --registry FILE --data-dir DIR --kafka HOST:PORT --port N [--host H]} */
    public static void main(String[] args) throws Exception {
        Path registry = null;
        Path dataDir = null;
        String kafka = "127.0.0.1:9092";
        int port = 8088;
        String host = "0.0.0.0";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--registry" -> registry = Path.of(args[i + 1]);
                case "--data-dir" -> dataDir = Path.of(args[i + 1]);
                case "--kafka" -> kafka = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--host" -> host = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        IngestServer s = start(Config.defaults(port).withHost(host), registry, dataDir, kafka);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                s.close();
            } catch (Exception e) {
                LOG.warn("shutdown: {}", e.toString());
            }
        }));
        Thread.currentThread().join();
    }
}
