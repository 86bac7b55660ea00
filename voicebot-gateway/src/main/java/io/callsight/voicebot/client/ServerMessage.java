package io.callsight.voicebot.client;

/** A message from the bot server (spec §5), as {@link StrictServerParser} accepted it. */
public sealed interface ServerMessage {
    record Media(byte[] audio) implements ServerMessage {
    }

    record Mark(String name) implements ServerMessage {
    }

    record Clear() implements ServerMessage {
    }

    /** Why a server message would be rejected by Twilio. */
    final class Violation extends Exception {
        public Violation(String message) {
            super(message);
        }
    }
}
