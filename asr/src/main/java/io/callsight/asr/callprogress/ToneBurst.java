package io.callsight.asr.callprogress;

/**
 * One burst of a tone: from {@code startMs} to {@code endMs} of the call.
 *
 * @param partial the burst was already on when listening began, so its true start (and length) is unknown
 */
record ToneBurst(long startMs, long endMs, boolean partial) {
    long durationMs() {
        return endMs - startMs;
    }
}
