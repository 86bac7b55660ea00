package io.callsight.asr.callprogress;

/**
 * A voicemail beep: a pure tone after the greeting. The message should start at {@link #endMs()}.
 *
 * @param startMs start, in call time
 * @param endMs   end, in call time
 * @param hz      median frequency
 */
public record Beep(long startMs, long endMs, double hz) {
    public long durationMs() {
        return endMs - startMs;
    }
}
