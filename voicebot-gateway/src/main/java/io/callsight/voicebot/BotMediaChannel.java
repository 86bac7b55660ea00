package io.callsight.voicebot;

import java.util.Optional;

/**
 * How the bot speaks on one call. Audio is paced out to Twilio a little ahead of real time, marks follow the audio
 * queued before them, {@code clear} cuts the bot off. Thread-safe; every method returns at once.
 *
 * <p>A turn is what the bot says between two caller turns ({@code turn-7}); its audio may arrive in pieces as it is
 * synthesised. Queuing audio of a new turn ends the previous one: later audio of an ended or interrupted turn is
 * dropped (a synthesiser still running after a barge-in is harmless).
 */
public interface BotMediaChannel {
    /** The call this channel belongs to. */
    CallInfo call();

    /**
     * Queues µ-law 8 kHz audio of a turn for playback.
     *
     * @param turnId non-empty, without {@code ':'}
     * @return false if the audio was dropped: the turn ended or was interrupted, the bot hung up, or the call is over
     */
    boolean play(String turnId, byte[] ulaw);

    /**
     * Queues a mark named {@code turnId:segment} after the audio queued so far, e.g. at the end of each sentence;
     * {@link BotCallHandler#onPlaybackMark} reports it when playback passes it or a {@code clear} flushes it.
     *
     * @throws IllegalArgumentException if that name was already used on this stream (names must be unique, §6.3)
     * @return false if the mark was dropped, for the reasons of {@link #play}
     */
    boolean mark(String turnId, String segment);

    /** The wire name of a mark: the turn id is in every name so a late echo of an old turn is recognised. */
    static String markName(String turnId, String segment) {
        return turnId + ":" + segment;
    }

    /**
     * Barge-in: drops the audio not yet sent, sends {@code clear} (Twilio stops at once and returns the queued marks as
     * flushed) and works out how much of the current turn the caller heard (spec §6.3).
     *
     * @return the current turn's playback as of the clear; empty if no turn was queued yet or the call is over
     */
    Optional<TurnPlayback> clear();

    /** Whether some bot audio or mark is queued that playback has not passed yet (§6.3: pending marks). */
    boolean isSpeaking();

    /**
     * Ends the call from the bot's side (transfer, goodbye, voicemail): lets the audio already queued play out, waits
     * for its last mark (or for a {@code clear} cutting it off), then closes the socket with 1000 so Twilio goes on with
     * the TwiML after {@code <Connect>} (§6.4). {@link BotCallHandler#onStop} follows with {@link
     * CallEndReason#BOT_HANG_UP}. Audio queued after this is dropped.
     */
    void hangUp();

    /** Playback of a recent turn (the last few dozen are kept). */
    Optional<TurnPlayback> turn(String turnId);
}
