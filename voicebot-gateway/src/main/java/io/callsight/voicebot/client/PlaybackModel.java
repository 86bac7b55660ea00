package io.callsight.voicebot.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Twilio's outbound playback queue as spec §6.2 describes it: one FIFO per stream, drained toward the caller at 8,000
 * bytes per second. A mark completes when every byte queued before it has been played, and at once when nothing is
 * queued ahead of it (§9.1); {@code clear} drops the unplayed audio and returns the queued marks at once, in order;
 * audio sent after that plays without delay.
 *
 * <p>Driven by a clock in nanoseconds passed to every call, so it is exact in a test and real-time in the imitator.
 * Played audio is recorded with the time its first byte played. Not thread-safe.
 */
public final class PlaybackModel {
    private static final long NANOS_PER_BYTE = 125_000; // 1 s / 8,000 bytes

    /** Audio the caller heard: {@code audio} starting at {@code atNanos}. */
    public record Played(long atNanos, byte[] audio) {
    }

    private static final class Chunk {
        final byte[] data;
        int pos;

        Chunk(byte[] data) {
            this.data = data;
        }
    }

    private final Deque<Object> queue = new ArrayDeque<>();
    private final List<Played> played = new ArrayList<>();
    /** Playback has been simulated up to this time. */
    private long playhead = Long.MIN_VALUE;
    private long queuedBytes;
    private long playedBytes;
    private long lastPlayedEnd = Long.MIN_VALUE;

    /** Plays up to {@code now}; returns the marks playback passed, in order. */
    public List<String> advance(long now) {
        List<String> reached = new ArrayList<>();
        if (playhead == Long.MIN_VALUE || queue.isEmpty()) {
            playhead = now;
            return reached;
        }
        while (!queue.isEmpty()) {
            Object head = queue.peekFirst();
            if (head instanceof String mark) {
                queue.removeFirst();
                reached.add(mark);
                continue;
            }
            Chunk c = (Chunk) head;
            long budget = (now - playhead) / NANOS_PER_BYTE;
            if (budget <= 0) {
                break;
            }
            int n = (int) Math.min(budget, c.data.length - c.pos);
            byte[] piece = new byte[n];
            System.arraycopy(c.data, c.pos, piece, 0, n);
            played.add(new Played(playhead, piece));
            c.pos += n;
            playhead += n * NANOS_PER_BYTE;
            queuedBytes -= n;
            playedBytes += n;
            lastPlayedEnd = playhead;
            if (c.pos == c.data.length) {
                queue.removeFirst();
            }
        }
        if (queue.isEmpty()) {
            // ran dry: the next audio starts when it arrives, not where this ended
            playhead = now;
        }
        return reached;
    }

    /** A {@code media} arrived: its audio joins the end of the queue. Returns marks passed up to now. */
    public List<String> enqueueAudio(byte[] audio, long now) {
        List<String> reached = advance(now);
        if (audio.length > 0) {
            queue.addLast(new Chunk(audio));
            queuedBytes += audio.length;
        }
        return reached;
    }

    /** A {@code mark} arrived: marks passed up to now, then this one too if nothing is queued ahead of it. */
    public List<String> enqueueMark(String name, long now) {
        List<String> reached = advance(now);
        if (queue.isEmpty()) {
            reached.add(name);
        } else {
            queue.addLast(name);
        }
        return reached;
    }

    /** A {@code clear} arrived: marks passed up to now, then every mark still queued, in order. */
    public List<String> clear(long now) {
        List<String> out = advance(now);
        for (Object o : queue) {
            if (o instanceof String mark) {
                out.add(mark);
            }
        }
        queue.clear();
        queuedBytes = 0;
        playhead = now;
        return out;
    }

    public boolean idle() {
        return queue.isEmpty();
    }

    /** Audio bytes queued and not yet played. */
    public long queuedBytes() {
        return queuedBytes;
    }

    public long playedBytes() {
        return playedBytes;
    }

    /** When the last played byte ended; {@link Long#MIN_VALUE} before any. */
    public long lastPlayedEnd() {
        return lastPlayedEnd;
    }

    public List<Played> played() {
        return List.copyOf(played);
    }
}
