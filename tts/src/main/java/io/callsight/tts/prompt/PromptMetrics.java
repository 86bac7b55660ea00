package io.callsight.tts.prompt;

import java.time.Duration;
import java.util.Optional;

/**
 * Latency and work of one prompt, for the gateway's per-turn latency record.
 *
 * @param timeToFirstFrame from {@code speak} until the first frame could be read; empty if none was made
 * @param synthesisTime time spent in the engine; cache hits add nothing
 * @param elapsed from {@code speak} until the prompt ended (or until now while it runs)
 */
public record PromptMetrics(Outcome outcome, int sentences, int sentencesFromCache, int sentencesSynthesized,
                            int frames, Optional<Duration> timeToFirstFrame, Duration synthesisTime,
                            Duration elapsed) {

    public enum Outcome {
        RUNNING, COMPLETED, CANCELLED, FAILED
    }

    /** Audio made so far, at 20 ms a frame. */
    public Duration audio() {
        return Duration.ofMillis((long) frames * TelephonyFormat.FRAME_MS);
    }
}
