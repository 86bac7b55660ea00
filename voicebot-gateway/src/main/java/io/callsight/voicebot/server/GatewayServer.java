package io.callsight.voicebot.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callsight.tenants.TenantRegistry;
import io.callsight.tenants.registry.TenantRegistryWatcher;
import io.callsight.voicebot.BotCallHandlerFactory;
import io.callsight.voicebot.GatewayCounters;
import io.callsight.voicebot.GatewayCounters.Counter;
import io.callsight.voicebot.demo.ParrotBot;
import io.callsight.voicebot.twilio.MediaStreamCodec;
import io.callsight.voicebot.twilio.MediaStreamSession;
import io.callsight.voicebot.twilio.MediaStreamTransport;
import io.callsight.voicebot.twilio.SessionSettings;
import io.callsight.voicebot.twilio.StartAuthorizer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
 * The voicebot gateway: the server side of Twilio Media Streams (bidirectional) at {@value #PATH} on Jetty 12, every
 * socket a {@link MediaStreamSession} whose bot a {@link BotCallHandlerFactory} makes at {@code start}. The path takes
 * no query string: Twilio fails a {@code <Stream>} URL with one (spec §2, error 31920). Authentication:
 * {@link GatewayAuthenticator}. {@code GET /health} answers JSON with the open sessions and the counters.
 *
 * <p>Threads: Jetty's for the sockets, and one small scheduler shared by every session for the pacers' wake-ups and
 * the watchdogs; no thread per call.
 */
public final class GatewayServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    public static final String PATH = "/api/v1/voicebot/twilio";
    private static final long TICK_MS = 500;

    /**
     * @param port              0 for any free port
     * @param authFailureDelay  a refused upgrade is answered no earlier than this after it arrived (as ingest does)
     * @param keyInStartAllowed whether an upgrade without {@code X-API-KEY} may carry its key in
     *                          {@code start.customParameters.apiKey} (needed for real Twilio)
     */
    public record Config(String host, int port, SessionSettings session, Duration authFailureDelay,
            boolean keyInStartAllowed) {
        public static Config defaults(int port) {
            return new Config("0.0.0.0", port, SessionSettings.DEFAULTS, Duration.ofMillis(500), true);
        }

        public Config withHost(String h) {
            return new Config(h, port, session, authFailureDelay, keyInStartAllowed);
        }

        public Config withSession(SessionSettings s) {
            return new Config(host, port, s, authFailureDelay, keyInStartAllowed);
        }

        public Config withAuthFailureDelay(Duration d) {
            return new Config(host, port, session, d, keyInStartAllowed);
        }

        public Config withKeyInStartAllowed(boolean allowed) {
            return new Config(host, port, session, authFailureDelay, allowed);
        }
    }

    private final Config config;
    private final GatewayAuthenticator authenticator;
    private final BotCallHandlerFactory bots;
    private final GatewayCounters counters = new GatewayCounters();
    private final Set<MediaStreamSession> sessions = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, daemon("voicebot-timers"));
    private final MediaStreamCodec codec = new MediaStreamCodec();
    private final Clock clock = Clock.systemUTC();
    private final AtomicLong connections = new AtomicLong();
    private final ObjectMapper json = new ObjectMapper();
    private final Server server = new Server();
    private int port;

    private GatewayServer(Config config, Supplier<TenantRegistry> registry, BotCallHandlerFactory bots) {
        this.config = config;
        this.authenticator = new GatewayAuthenticator(registry, config.keyInStartAllowed());
        this.bots = bots;
    }

    /** A started server; {@code registry} is read on every authentication, so a reloaded registry applies at once. */
    public static GatewayServer start(Config config, Supplier<TenantRegistry> registry, BotCallHandlerFactory bots)
            throws Exception {
        GatewayServer s = new GatewayServer(config, registry, bots);
        try {
            s.startJetty();
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
            // generous transport limits: the session enforces the protocol's own with a counted reason
            container.setMaxTextMessageSize(1 << 20);
            container.setMaxBinaryMessageSize(1 << 16);
            // longer than the session's watchdogs, which close with a reason first
            container.setIdleTimeout(Duration.ofSeconds(60));
            container.addMapping(PATH, this::upgrade);
        });
        ws.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (Request.getPathInContext(request).equals("/health")) {
                    response.setStatus(200);
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                    response.write(true, ByteBuffer.wrap(health().getBytes(StandardCharsets.UTF_8)), callback);
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
        scheduler.scheduleAtFixedRate(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        LOG.info("voicebot gateway listening on {}:{}{} (key in {})", config.host(), port, PATH,
                config.keyInStartAllowed() ? "X-API-KEY or start.customParameters.apiKey" : "X-API-KEY only");
    }

    private String health() {
        ObjectNode h = json.createObjectNode();
        h.put("status", "ok");
        h.put("sessionsOpen", sessions.size());
        ObjectNode c = h.putObject("counters");
        counters.snapshot().forEach(c::put);
        return h.toString();
    }

    private void tick() {
        for (MediaStreamSession s : List.copyOf(sessions)) {
            try {
                s.tick();
            } catch (RuntimeException e) {
                LOG.warn("{}: watchdog: {}", s.connectionId(), e.toString());
            }
        }
    }

    private Object upgrade(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        long arrived = request.getHeadersNanoTime();
        GatewayAuthenticator.UpgradeDecision d = authenticator.decideUpgrade(
                request.getHeaders().getValuesList("X-API-KEY"));
        if (d.accepted()) {
            counters.increment(Counter.UPGRADES_ACCEPTED);
            return new Endpoint(authenticator.atStart(d), d.reason());
        }
        counters.increment(d.status() == 403 ? Counter.UPGRADES_REFUSED_403 : Counter.UPGRADES_REFUSED_401);
        LOG.warn("refused a voicebot upgrade from {} with {}: {}",
                request.getConnectionMetaData().getRemoteSocketAddress(), d.status(), d.reason());
        long waitNanos = config.authFailureDelay().toNanos() - (System.nanoTime() - arrived);
        Runnable refuse = () -> Response.writeError(request, response, callback, d.status());
        if (waitNanos > 0) {
            scheduler.schedule(refuse, waitNanos, TimeUnit.NANOSECONDS);
        } else {
            refuse.run();
        }
        return null;
    }

    /** Jetty's side of one socket: frames in order, handed to the session (public: Jetty calls it reflectively). */
    public final class Endpoint implements Session.Listener.AutoDemanding {
        private final StartAuthorizer authorizer;
        private final String authReason;
        private MediaStreamSession session;

        Endpoint(StartAuthorizer authorizer, String authReason) {
            this.authorizer = authorizer;
            this.authReason = authReason;
        }

        @Override
        public void onWebSocketOpen(Session socket) {
            MediaStreamTransport transport = new MediaStreamTransport() {
                @Override
                public void send(String text) {
                    socket.sendText(text, org.eclipse.jetty.websocket.api.Callback.from(() -> {
                    }, e -> LOG.debug("{}: send failed: {}", session.connectionId(), e.toString())));
                }

                @Override
                public void close(int statusCode, String reason) {
                    socket.close(statusCode, reason, org.eclipse.jetty.websocket.api.Callback.NOOP);
                }
            };
            String id = "c" + connections.incrementAndGet();
            session = new MediaStreamSession(id, config.session(), transport, authorizer, bots, counters, clock,
                    scheduler, codec);
            sessions.add(session);
            LOG.debug("connection {} from {} open ({})", id, socket.getRemoteSocketAddress(), authReason);
        }

        @Override
        public void onWebSocketText(String message) {
            session.onText(message);
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, org.eclipse.jetty.websocket.api.Callback callback) {
            int length = payload.remaining();
            callback.succeed();
            session.onBinary(length);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            closed(statusCode, reason);
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            LOG.info("{}: socket error: {}", session != null ? session.connectionId() : "connection", cause.toString());
            // §6.4: a socket error ends the stream; there is no resume
            closed(1006, "socket error");
        }

        private void closed(int statusCode, String reason) {
            if (session != null) {
                session.onSocketClosed(statusCode, reason);
                sessions.remove(session);
            }
        }
    }

    public int port() {
        return port;
    }

    public GatewayCounters counters() {
        return counters;
    }

    public int sessionsOpen() {
        return sessions.size();
    }

    /** Tells every bot the gateway is going away, closes their sockets (1001) and stops. */
    @Override
    public void close() throws Exception {
        for (MediaStreamSession s : List.copyOf(sessions)) {
            s.shutdown();
        }
        server.stop();
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
    }

    /**
     * {@code GatewayServer --registry FILE [--port N] [--host H] [--header-key-only]}: the gateway with the {@link
     * ParrotBot} demo bot (says back what the caller said), until the brain is wired onto the seam.
     */
    public static void main(String[] args) throws Exception {
        Path registry = null;
        int port = 8090;
        String host = "0.0.0.0";
        boolean keyInStart = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--registry" -> registry = Path.of(args[++i]);
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--host" -> host = args[++i];
                case "--header-key-only" -> keyInStart = false;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (registry == null) {
            throw new IllegalArgumentException("--registry FILE is required (the tenants and their API keys)");
        }
        TenantRegistryWatcher watcher = TenantRegistryWatcher.start(registry);
        GatewayServer s = start(Config.defaults(port).withHost(host).withKeyInStartAllowed(keyInStart),
                watcher::current, ParrotBot.factory());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                s.close();
                watcher.close();
            } catch (Exception e) {
                LOG.warn("shutdown: {}", e.toString());
            }
        }));
        Thread.currentThread().join();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
