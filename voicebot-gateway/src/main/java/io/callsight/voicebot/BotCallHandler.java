package io.callsight.voicebot;

/**
 * The bot's side of one call: what the gateway tells it. Created by a {@link BotCallHandlerFactory} at {@code start},
 * after the key is checked; no callback comes before that or after {@link #onStop}.
 *
 * <p>Callbacks come one at a time, in stream order, on the gateway's threads with the call's lock held: return quickly
 * (hand audio to the recogniser's queue, do not recognise here). The {@link BotMediaChannel} may be used from a
 * callback or from any other thread, but a callback must not wait for another thread that uses the channel.
 */
public interface BotCallHandler {
    /**
     * The caller's audio, continuous: holes in Twilio's timestamps are already filled with µ-law silence, audio that
     * came out of order is trimmed, so each call starts where the previous one ended.
     *
     * @param ulaw8k         µ-law, 8 kHz, mono; the array is the handler's to keep
     * @param streamOffsetMs where its first byte lies on Twilio's timeline ({@code media.timestamp}, ms since stream
     *                       start); the first one need not be 0
     */
    void onCallerAudio(byte[] ulaw8k, long streamOffsetMs);

    /** A key press: {@code 0}–{@code 9}, {@code *} or {@code #}. */
    default void onDtmf(char digit) {
    }

    /**
     * A mark the bot asked for ({@link BotMediaChannel#mark}) came back, in the order they were queued.
     *
     * @param flushed true if a {@code clear} removed it before playback reached it (Twilio echoes those too and does
     *                not say which is which, spec §9.2: the gateway works it out as in §6.3)
     */
    default void onPlaybackMark(String name, boolean flushed) {
    }

    /** The call is over; the channel no longer sends anything. Called exactly once. */
    void onStop(CallEndReason reason);
}
