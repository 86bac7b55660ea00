package io.callsight.ingest.audiohook;

/** The socket under a session. Both methods must return at once (queue, never block on the network). */
public interface SessionTransport {
    void sendText(String message);

    /** Closes the WebSocket (only for the safety timeouts of §8: normally the client closes it). */
    void close(String reason);
}
