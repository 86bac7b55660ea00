package io.callsight.asr.recognition;

/**
 * Decides when a track's partial hypothesis is worth publishing: only when its text changed since the last one
 * published, and at most once per {@code intervalMs} on the caller's clock. Partials only help a reader who
 * watches live, and every one is a record on the transcripts topic; 200 ms is about the time a word takes to say,
 * so a faster rate would mostly publish the same words again with a letter more.
 * <p>{@link #due} is asked before the recognizer is: fetching a partial costs a traceback through the decoder's
 * lattice, so it is skipped until a partial could be published at all, and after a fetch that brought nothing new
 * (silence, the same words) until {@link #RECHECK_MS} later. Without that pause a track fetched a partial on every
 * 20 ms frame once the interval had run out, most of all in silence, where nothing ever changes.
 */
public final class PartialThrottle {
    public static final long DEFAULT_INTERVAL_MS = 200;

    /**
     * Least time between two fetches that brought nothing new: half a 12-frame Vosk chunk, whose 120 ms of audio is
     * the least that can change the text, so a change waits at most this long for the next look.
     */
    public static final long RECHECK_MS = 60;

    private final long intervalMs;
    private boolean published;
    private long lastAtMs;
    private long lastFruitlessCheckAtMs = Long.MIN_VALUE;
    private String lastText = "";

    /** {@code intervalMs} &gt; 0; see {@link #off()} for none at all. */
    public PartialThrottle(long intervalMs) {
        if (intervalMs <= 0) {
            throw new IllegalArgumentException("partial interval must be positive, got " + intervalMs + " ms");
        }
        this.intervalMs = intervalMs;
    }

    /** A throttle that never lets a partial through. */
    public static PartialThrottle off() {
        return new PartialThrottle(Long.MAX_VALUE);
    }

    public long intervalMs() {
        return intervalMs;
    }

    /** Whether a partial could be published at {@code nowMs} (a clock that went back counts as due). */
    public boolean due(long nowMs) {
        if (intervalMs == Long.MAX_VALUE) {
            return false;
        }
        if (lastFruitlessCheckAtMs != Long.MIN_VALUE && nowMs >= lastFruitlessCheckAtMs
                && nowMs - lastFruitlessCheckAtMs < RECHECK_MS) {
            return false;
        }
        return !published || nowMs - lastAtMs >= intervalMs || nowMs < lastAtMs;
    }

    /** Whether to publish {@code text} now; if so it becomes the last one published. */
    public boolean offer(String text, long nowMs) {
        if (!due(nowMs)) {
            return false;
        }
        if (text == null || text.isEmpty() || text.equals(lastText)) {
            lastFruitlessCheckAtMs = nowMs;
            return false;
        }
        lastFruitlessCheckAtMs = Long.MIN_VALUE;
        published = true;
        lastAtMs = nowMs;
        lastText = text;
        return true;
    }

    /**
     * The utterance was finalized: the next one starts from nothing, so its first partial is new even if it says
     * the same words. The interval still runs from the last partial.
     */
    public void utteranceEnded() {
        lastText = "";
    }
}
