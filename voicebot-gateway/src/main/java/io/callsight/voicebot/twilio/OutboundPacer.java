package io.callsight.voicebot.twilio;

import io.callsight.voicebot.GatewayCounters;
import io.callsight.voicebot.GatewayCounters.Counter;
import io.callsight.voicebot.Ulaw;
import io.callsight.voicebot.twilio.MediaStreamMessage.Clear;
import io.callsight.voicebot.twilio.MediaStreamMessage.OutboundMark;
import io.callsight.voicebot.twilio.MediaStreamMessage.OutboundMedia;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one writer of a stream's socket (spec §7: serialise all writes, so a {@code mark} never overtakes the
 * {@code media} before it). The bot's audio and marks wait here in order; audio goes out in messages of whole 20 ms
 * frames, never more than {@code maxLead} ahead of the estimated playback position ({@link PlaybackQueue#lead}).
 *
 * <p>Why hold audio back when Twilio would queue it all (§5.1)? Whatever sits in Twilio's queue is out of the bot's
 * hands: a {@code clear} does drop it, but until then the bot can only estimate where playback is. Held here, audio not
 * yet sent is dropped on barge-in without a round trip, and the estimate of what the caller heard is off by at most the
 * lead. 300 ms covers network jitter between the gateway and Twilio with room to spare while keeping that error small.
 *
 * <p>Why 100 ms messages: at 50 messages per second (20 ms) the JSON and base64 framing and one frame write per message
 * cost more than the audio on a busy gateway; at 1 s (Twilio's sample) the lead could not be held below a second. Five
 * frames per message keep three messages in flight at the default lead. A segment's last piece (before a mark or a
 * new turn) is padded with µ-law silence to a whole frame (§5.1: multiples of 160 bytes); a piece the synthesiser has
 * not finished is sent as soon as playback would otherwise starve.
 *
 * <p>Not a thread per call: wake-ups go to one {@link ScheduledExecutorService} shared by every session, and time comes
 * from an injectable {@link Clock}. Every method runs under the session's lock.
 */
public final class OutboundPacer {
    /** Below this much queued audio, playback is about to starve: send whatever whole frames there are. */
    private static final int STARVING_BYTES = 2 * Ulaw.FRAME_BYTES;

    private sealed interface Item permits Audio, MarkItem {
    }

    private static final class Audio implements Item {
        final String turnId;
        final byte[] data;
        int pos;

        Audio(String turnId, byte[] data) {
            this.turnId = turnId;
            this.data = data;
        }

        int remaining() {
            return data.length - pos;
        }
    }

    private record MarkItem(String name) implements Item {
    }

    private final Object lock;
    private final String streamSid;
    private final PlaybackQueue playback;
    private final MediaStreamTransport transport;
    private final MediaStreamCodec codec;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final GatewayCounters counters;
    private final int messageBytes;
    private final long maxLeadBytes;
    private final Deque<Item> items = new ArrayDeque<>();
    private ScheduledFuture<?> wakeup;
    private long wakeupAtMs;
    private boolean stopped;

    public OutboundPacer(Object lock, String streamSid, PlaybackQueue playback, MediaStreamTransport transport,
            MediaStreamCodec codec, ScheduledExecutorService scheduler, Clock clock, GatewayCounters counters,
            int messageBytes, long maxLeadMs) {
        this.lock = lock;
        this.streamSid = streamSid;
        this.playback = playback;
        this.transport = transport;
        this.codec = codec;
        this.scheduler = scheduler;
        this.clock = clock;
        this.counters = counters;
        this.messageBytes = messageBytes;
        this.maxLeadBytes = Ulaw.bytes(maxLeadMs);
    }

    /** Appends audio ({@link PlaybackQueue#audioQueued} already accepted it) and sends what the lead allows now. */
    public void queueAudio(String turnId, byte[] ulaw) {
        synchronized (lock) {
            if (stopped || ulaw.length == 0) {
                return;
            }
            items.addLast(new Audio(turnId, ulaw));
            pump();
        }
    }

    /** Appends a mark: it goes out right after the audio queued before it. */
    public void queueMark(String name) {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            items.addLast(new MarkItem(name));
            pump();
        }
    }

    /** Drops everything not sent yet and sends {@code clear} (§5.3) behind what was already written. */
    public void clear() {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            items.clear();
            cancelWakeup();
            transport.send(codec.write(new Clear(streamSid)));
            counters.increment(Counter.CLEARS_SENT);
        }
    }

    /** The stream ended: nothing more is sent (§6.4: sends after {@code stop} fail). */
    public void stop() {
        synchronized (lock) {
            stopped = true;
            items.clear();
            cancelWakeup();
        }
    }

    /** Sends whatever the lead allows now and arranges to be woken when more may go. */
    public void pump() {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            long now = clock.millis();
            while (!items.isEmpty()) {
                Item head = items.peekFirst();
                if (head instanceof MarkItem m) {
                    items.removeFirst();
                    transport.send(codec.write(new OutboundMark(streamSid, m.name())));
                    playback.markSent(m.name());
                    counters.increment(Counter.MARKS_SENT);
                    continue;
                }
                long waitMs = sendAudio((Audio) head, now);
                if (waitMs > 0) {
                    scheduleWakeup(now, waitMs);
                    return;
                }
            }
        }
    }

    /** Sends one message of the audio run at the head, or says how long to wait before one may go. */
    private long sendAudio(Audio head, long now) {
        int run = 0;
        boolean boundary = false;
        for (Item i : items) {
            if (i instanceof Audio a && a.turnId.equals(head.turnId)) {
                run += a.remaining();
                if (run >= messageBytes) {
                    break;
                }
            } else {
                boundary = true;
                break;
            }
        }
        long lead = playback.lead(now);
        int take;
        int padding = 0;
        if (run >= messageBytes) {
            take = messageBytes;
        } else if (boundary) {
            take = run;
            padding = padding(run);
        } else if (lead > STARVING_BYTES) {
            // more audio of this segment may come: wait until playback is about to run dry
            return millisUntil(lead - STARVING_BYTES);
        } else if (run >= Ulaw.FRAME_BYTES) {
            take = run - run % Ulaw.FRAME_BYTES;
        } else if (lead == 0) {
            // the caller hears silence already: padding the fragment costs nothing audible
            take = run;
            padding = padding(run);
        } else {
            return millisUntil(lead);
        }
        long excess = lead + take + padding - maxLeadBytes;
        if (excess > 0) {
            return millisUntil(excess);
        }
        byte[] payload = take(take, padding);
        transport.send(codec.write(new OutboundMedia(streamSid, payload)));
        playback.audioSent(head.turnId, take, padding, now);
        counters.increment(Counter.MEDIA_SENT);
        return 0;
    }

    private static int padding(int bytes) {
        int rest = bytes % Ulaw.FRAME_BYTES;
        return rest == 0 ? 0 : Ulaw.FRAME_BYTES - rest;
    }

    private static long millisUntil(long bytes) {
        return Math.max(1, (bytes + Ulaw.BYTES_PER_MS - 1) / Ulaw.BYTES_PER_MS);
    }

    private byte[] take(int bytes, int padding) {
        byte[] out = new byte[bytes + padding];
        int n = 0;
        while (n < bytes) {
            Audio a = (Audio) items.peekFirst();
            int k = Math.min(a.remaining(), bytes - n);
            System.arraycopy(a.data, a.pos, out, n, k);
            a.pos += k;
            n += k;
            if (a.remaining() == 0) {
                items.removeFirst();
            }
        }
        Arrays.fill(out, bytes, out.length, Ulaw.SILENCE);
        return out;
    }

    private void scheduleWakeup(long now, long delayMs) {
        long at = now + delayMs;
        if (wakeup != null && !wakeup.isDone() && wakeupAtMs <= at) {
            return;
        }
        cancelWakeup();
        wakeupAtMs = at;
        try {
            wakeup = scheduler.schedule(this::wake, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the gateway is shutting down; its sessions are being closed
            wakeup = null;
        }
    }

    private void wake() {
        synchronized (lock) {
            // this wake-up is running, not pending: the pump below may arrange the next one
            wakeup = null;
            pump();
        }
    }

    private void cancelWakeup() {
        if (wakeup != null) {
            wakeup.cancel(false);
            wakeup = null;
        }
    }
}
