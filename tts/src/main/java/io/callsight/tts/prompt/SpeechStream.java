package io.callsight.tts.prompt;

import java.util.Optional;

/**
 * A prompt being spoken, as 20 ms telephony frames that become available while later sentences are still
 * being synthesized. Read it from one thread (the call's pacer); cancel it from any (barge-in).
 */
public interface SpeechStream extends AutoCloseable {

    /**
     * Blocks until the next frame is ready.
     *
     * @return {@link TelephonyFormat#FRAME_BYTES} μ-law bytes, or empty once the prompt is over or cancelled
     * @throws io.callsight.tts.SpeechSynthesisException after the frames made before the engine failed
     */
    Optional<byte[]> next() throws InterruptedException;

    /**
     * Stops the prompt: {@link #next()} returns empty from now on, queued sentences are dropped unsynthesized.
     * A sentence already inside the engine runs to its end (MaryTTS cannot be interrupted) and is discarded,
     * or cached if it is static. Frames already made are dropped too, even when synthesis had finished.
     */
    void cancel();

    /** How the prompt went so far; final once {@link #next()} has returned empty. */
    PromptMetrics metrics();

    /** Cancels the prompt if it is still running. */
    @Override
    default void close() {
        cancel();
    }
}
