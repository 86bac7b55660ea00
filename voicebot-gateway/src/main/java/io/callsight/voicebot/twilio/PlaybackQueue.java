package io.callsight.voicebot.twilio;

import io.callsight.voicebot.TurnPlayback.Outcome;
import io.callsight.voicebot.TurnPlayback;
import io.callsight.voicebot.Ulaw;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The bot's picture of Twilio's playback queue (spec §6.2) and the bookkeeping of §6.3: marks pending with the byte
 * offset they were queued at, bytes queued since the last {@code clear}, the offset playback is confirmed to have
 * passed, and per turn what was queued, sent and heard.
 *
 * <p>Twilio never says whether a returned mark was played or flushed (§9.2). Marks pending when a {@code clear} is
 * sent are moved to a flushing list: their echoes, which Twilio sends at once, are reported as flushed; marks queued
 * after the clear are in the fresh queue and report as played. An echo matching neither list (a late echo of an old
 * turn, a name never sent) is ignored.
 *
 * <p>Offsets are absolute (bytes sent on this stream, never reset), so turn positions survive a clear. The playback
 * position is estimated from a reference point: the offset of the last mark echoed and when, or the offset and time
 * at which audio was sent to a queue that had run dry (Twilio plays it "without delay", §6.2); from there playback
 * advances 8 bytes per ms. Not thread-safe: its session's lock guards it. Times are epoch milliseconds.
 */
public final class PlaybackQueue {
    /** Turns kept for {@link #turn}; older ones are forgotten. */
    private static final int TURNS_KEPT = 64;

    public enum EchoStatus { PLAYED, FLUSHED, UNKNOWN }

    /** One mark as it is to be reported: {@code internal} marks are the gateway's own (hang-up), not the bot's. */
    public record Echo(String name, EchoStatus status, boolean internal) {
    }

    /** What a {@code clear} found: the current turn as heard, and flushed marks that were never sent. */
    public record ClearOutcome(long heardOffset, Optional<TurnPlayback> currentTurn, List<Echo> releasedNow) {
    }

    private static final class PendingMark {
        final String name;
        final boolean internal;
        /** Offset of the end of the audio before it, once sent; -1 while the pacer still holds it. */
        long offset = -1;

        PendingMark(String name, boolean internal) {
            this.name = name;
            this.internal = internal;
        }
    }

    private static final class Turn {
        final String id;
        long queued;
        long sent;
        long startOffset = -1;
        long played;
        boolean interrupted;
        Instant firstSentAt;

        Turn(String id) {
            this.id = id;
        }

        void playedUpTo(long offset) {
            if (startOffset >= 0 && !interrupted) {
                played = Math.max(played, Math.max(0, Math.min(offset - startOffset, sent)));
            }
        }

        TurnPlayback snapshot() {
            Outcome outcome = interrupted ? Outcome.INTERRUPTED
                    : played == queued && sent == queued ? Outcome.PLAYED : Outcome.PLAYING;
            return new TurnPlayback(id, Optional.ofNullable(firstSentAt), queued, sent, played, outcome);
        }
    }

    private final Deque<PendingMark> pending = new ArrayDeque<>();
    private final Deque<PendingMark> flushing = new ArrayDeque<>();
    private final Set<String> names = new HashSet<>();
    private final Map<String, Turn> turns = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Turn> eldest) {
            return size() > TURNS_KEPT;
        }
    };
    private Turn current;
    private long totalSent;
    private long clearBase;
    private long unsent;
    private long confirmed;
    private long refOffset;
    private long refAtMs = Long.MIN_VALUE;

    // ------------------------------------------------------------------------------------- what the bot queues

    /**
     * The bot hands over audio of {@code turnId}. A new id ends the current turn.
     *
     * @return false if it must be dropped: the turn ended (a newer one started) or was interrupted
     */
    public boolean audioQueued(String turnId, int bytes) {
        Turn t = turnFor(turnId);
        if (t == null) {
            return false;
        }
        t.queued += bytes;
        unsent += bytes;
        return true;
    }

    /**
     * The bot asks for a mark after the audio queued so far.
     *
     * @param turnId null for the gateway's own marks
     * @throws IllegalArgumentException if the name was used before on this stream
     */
    public boolean markQueued(String turnId, String name, boolean internal) {
        if (!internal && turnFor(turnId) == null) {
            return false;
        }
        if (!names.add(name)) {
            throw new IllegalArgumentException("mark name '" + name + "' was already used on this stream");
        }
        pending.addLast(new PendingMark(name, internal));
        return true;
    }

    private Turn turnFor(String turnId) {
        if (current != null && current.id.equals(turnId)) {
            return current.interrupted ? null : current;
        }
        if (turns.containsKey(turnId)) {
            return null;
        }
        current = new Turn(turnId);
        turns.put(turnId, current);
        return current;
    }

    // ------------------------------------------------------------------------------------ what the pacer sends

    /**
     * The pacer sent {@code bytes} of the turn's audio and {@code padding} bytes of silence after them (to end a
     * segment on a whole 20 ms frame). Padding is played like audio but belongs to no turn's counts.
     */
    public void audioSent(String turnId, int bytes, int padding, long nowMs) {
        if (position(nowMs) >= totalSent) {
            // Twilio's queue has run dry: this audio starts playing as it arrives
            refOffset = totalSent;
            refAtMs = nowMs;
        }
        Turn t = turns.get(turnId);
        if (t != null) {
            if (t.startOffset < 0) {
                t.startOffset = totalSent;
                t.firstSentAt = Instant.ofEpochMilli(nowMs);
            }
            t.sent += bytes;
        }
        totalSent += bytes + padding;
        unsent = Math.max(0, unsent - bytes);
    }

    /** The pacer sent the oldest unsent mark; it sits at the current end of Twilio's queue. */
    public void markSent(String name) {
        for (PendingMark m : pending) {
            if (m.offset < 0) {
                if (!m.name.equals(name)) {
                    throw new IllegalStateException("mark '" + name + "' sent before '" + m.name + "'");
                }
                m.offset = totalSent;
                return;
            }
        }
        throw new IllegalStateException("mark '" + name + "' was not queued");
    }

    // ------------------------------------------------------------------------------------ what Twilio returns

    /**
     * Twilio returned a mark. Usually one echo results; echoes Twilio skipped are reported with it (marks come back in
     * order, so passing one means passing those before it), and flushed marks the pacer never sent follow the last
     * flushed echo.
     */
    public List<Echo> markEchoed(String name, long nowMs) {
        List<Echo> out = new ArrayList<>(1);
        if (containsSent(flushing, name)) {
            popThrough(flushing, name, EchoStatus.FLUSHED, out);
            releaseUnsentFlushed(out);
            return out;
        }
        if (containsSent(pending, name)) {
            long offset = popThrough(pending, name, EchoStatus.PLAYED, out);
            confirmed = Math.max(confirmed, offset);
            refOffset = offset;
            refAtMs = nowMs;
            for (Turn t : turns.values()) {
                t.playedUpTo(offset);
            }
            return out;
        }
        out.add(new Echo(name, EchoStatus.UNKNOWN, false));
        return out;
    }

    private static boolean containsSent(Deque<PendingMark> marks, String name) {
        for (PendingMark m : marks) {
            if (m.offset >= 0 && m.name.equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static long popThrough(Deque<PendingMark> marks, String name, EchoStatus status, List<Echo> out) {
        while (true) {
            PendingMark m = marks.removeFirst();
            out.add(new Echo(m.name, status, m.internal));
            if (m.name.equals(name)) {
                return m.offset;
            }
        }
    }

    /** Flushed marks that never reached Twilio get no echo: they are reported once no sent one is ahead of them. */
    private void releaseUnsentFlushed(List<Echo> out) {
        while (!flushing.isEmpty() && flushing.peekFirst().offset < 0) {
            PendingMark m = flushing.removeFirst();
            out.add(new Echo(m.name, EchoStatus.FLUSHED, m.internal));
        }
    }

    /**
     * A {@code clear} goes out now: everything not played is dropped. The heard part is the estimated playback position
     * (§6.3: last echo before the clear plus the time since, 8 bytes per ms), capped at the next pending mark, which
     * playback had evidently not passed.
     */
    public ClearOutcome clear(long nowMs) {
        long heard = position(nowMs);
        for (PendingMark m : pending) {
            if (m.offset >= 0) {
                heard = Math.min(heard, m.offset);
                break;
            }
        }
        heard = Math.max(heard, Math.min(confirmed, totalSent));
        for (Turn t : turns.values()) {
            t.playedUpTo(heard);
            if (!t.interrupted && t.played < t.queued) {
                t.interrupted = true;
            }
        }
        flushing.addAll(pending);
        pending.clear();
        clearBase = totalSent;
        unsent = 0;
        refOffset = totalSent;
        refAtMs = nowMs;
        List<Echo> released = new ArrayList<>();
        releaseUnsentFlushed(released);
        return new ClearOutcome(heard, currentTurn(), released);
    }

    /** The call is over: whatever was not confirmed played was cut off by the end of the call (§8.5). */
    public void callEnded() {
        for (Turn t : turns.values()) {
            if (!t.interrupted && (t.played < t.queued || t.sent < t.queued)) {
                t.interrupted = true;
            }
        }
        pending.clear();
        flushing.clear();
        unsent = 0;
    }

    // ----------------------------------------------------------------------------------------------- reading

    /** Estimated offset Twilio's playback has reached: never beyond what was sent. */
    public long position(long nowMs) {
        if (refAtMs == Long.MIN_VALUE) {
            return totalSent;
        }
        long elapsed = Math.max(0, nowMs - refAtMs);
        long p = refOffset + Ulaw.bytes(elapsed);
        return p < refOffset || p > totalSent ? totalSent : p;
    }

    /** Bytes sent that Twilio has (by the estimate) not played yet: how far the bot is ahead of real time. */
    public long lead(long nowMs) {
        return totalSent - position(nowMs);
    }

    /** §6.3 "bot is speaking": a mark (sent or still held by the pacer) not yet passed, or audio not yet sent. */
    public boolean isSpeaking() {
        return !pending.isEmpty() || unsent > 0;
    }

    /** §6.3 {@code bytesQueued}: sent since the last clear. */
    public long bytesQueuedSinceClear() {
        return totalSent - clearBase;
    }

    /** §6.3 {@code playedUpTo}: the offset of the last mark echoed as played. */
    public long playedUpTo() {
        return confirmed;
    }

    public long totalSent() {
        return totalSent;
    }

    /** Bytes of audio queued by the bot and not sent yet (held by the pacer). */
    public long unsent() {
        return unsent;
    }

    public Optional<TurnPlayback> turn(String turnId) {
        return Optional.ofNullable(turns.get(turnId)).map(Turn::snapshot);
    }

    public Optional<TurnPlayback> currentTurn() {
        return Optional.ofNullable(current).map(Turn::snapshot);
    }
}
