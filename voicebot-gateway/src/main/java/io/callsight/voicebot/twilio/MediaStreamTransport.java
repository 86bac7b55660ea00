package io.callsight.voicebot.twilio;

/** The socket under a session. Both methods return at once (queue, never block on the network). */
public interface MediaStreamTransport {
    /** One text frame; frames go out in the order of the calls. */
    void send(String text);

    void close(int statusCode, String reason);
}
