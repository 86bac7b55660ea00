package io.callsight.voicebot.client;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/** A bare WebSocket server that records every frame the imitator sends and lets a test write frames back. */
public final class ScriptedBotServer implements AutoCloseable {
    public final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final Server server = new Server();
    private volatile Session socket;
    private final int port;

    public ScriptedBotServer() throws Exception {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ContextHandler context = new ContextHandler("/");
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, context, container ->
                container.addMapping("/ws", (req, resp, cb) -> new Endpoint()));
        context.setHandler(ws);
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    public final class Endpoint implements Session.Listener.AutoDemanding {
        @Override
        public void onWebSocketOpen(Session s) {
            socket = s;
        }

        @Override
        public void onWebSocketText(String message) {
            received.add(message);
        }
    }

    public String uri() {
        return "ws://127.0.0.1:" + port + "/ws";
    }

    public void send(String text) {
        socket.sendText(text, Callback.NOOP);
    }

    public String next(Duration timeout) throws InterruptedException {
        String m = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (m == null) {
            throw new AssertionError("no frame from the imitator within " + timeout);
        }
        return m;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
