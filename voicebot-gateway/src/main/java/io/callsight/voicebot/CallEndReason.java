package io.callsight.voicebot;

/** Why a bot call ended ({@link BotCallHandler#onStop}). */
public enum CallEndReason {
    /** Twilio sent {@code stop}: the caller hung up or the stream was stopped (spec §4.6). */
    STOPPED,
    /** The socket closed without a {@code stop} (§4.6: treat it as the end of the stream), or failed (§6.4). */
    SOCKET_CLOSED,
    /** No inbound message for the watchdog's time while streaming (§7): the gateway closed the socket. */
    INACTIVITY_TIMEOUT,
    /** The bot asked to end the call ({@link BotMediaChannel#hangUp()}); the socket was closed with 1000 (§6.4). */
    BOT_HANG_UP,
    /** The gateway is shutting down. */
    SERVER_SHUTDOWN
}
