package io.callsight.asr.bench;

import io.callsight.asr.eval.WordErrorRate;

/**
 * Track audio decoded along one path, the wall time it took and the WER against the scripts, pooled over the
 * tracks: one row of {@code bench asr}, whichever path (the engine alone, or the whole platform) produced it.
 */
public record DecodeRun(double audioSeconds, double wallSeconds, WordErrorRate.Score wer) {
    /** Audio seconds per wall second. */
    public double speed() {
        return audioSeconds / wallSeconds;
    }
}
