package io.callsight.voicebot;

/** Makes the bot for a call once its {@code start} arrived and its key is valid. */
@FunctionalInterface
public interface BotCallHandlerFactory {
    /**
     * @param channel how the bot speaks on this call; valid until {@link BotCallHandler#onStop}
     * @throws RuntimeException to refuse the call: the gateway closes the socket with 1011
     */
    BotCallHandler create(CallInfo call, BotMediaChannel channel);
}
