package io.callsight.asr.vad;

import java.util.Arrays;

/**
 * The gate's look-back buffer: the track's samples from {@link #firstIndex()} on, indexed by their position on
 * the track. The gate drops the front as soon as audio can no longer be needed, so it holds at most the
 * pre-roll plus an unconfirmed speech onset (well under a second) however long the call.
 */
final class SampleQueue {
    private short[] data = new short[4096];
    private int head;
    private int size;
    private long firstIndex;

    void append(short[] pcm) {
        if (head + size + pcm.length > data.length) {
            if (size + pcm.length > data.length / 2) {
                data = Arrays.copyOfRange(data, head, head + Math.max(data.length * 2, size + pcm.length));
            } else {
                System.arraycopy(data, head, data, 0, size);
            }
            head = 0;
        }
        System.arraycopy(pcm, 0, data, head + size, pcm.length);
        size += pcm.length;
    }

    long firstIndex() {
        return firstIndex;
    }

    long endIndex() {
        return firstIndex + size;
    }

    /** Drops samples before track index {@code index} (no-op if already gone). */
    void dropBefore(long index) {
        long drop = Math.min(size, Math.max(0, index - firstIndex));
        head += (int) drop;
        size -= (int) drop;
        firstIndex += drop;
        if (size == 0) {
            head = 0;
        }
    }

    /** Copy of track samples [from, to), which must be held. */
    short[] copy(long from, long to) {
        if (from < firstIndex || to > endIndex() || from > to) {
            throw new IllegalStateException("samples [" + from + ", " + to + ") not held; have [" + firstIndex
                    + ", " + endIndex() + ")");
        }
        int start = head + (int) (from - firstIndex);
        return Arrays.copyOfRange(data, start, start + (int) (to - from));
    }
}
