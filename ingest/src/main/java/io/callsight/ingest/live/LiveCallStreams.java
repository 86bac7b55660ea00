package io.callsight.ingest.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callsight.events.JsonCodec;
import io.callsight.events.Utterance;
import io.callsight.events.Word;
import io.callsight.ingest.audiohook.ProtocolCounters;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Server-Sent-Event subscribers of live calls ({@code GET /api/v1/calls/{id}/live}), by call id. A transcript
 * result goes to every subscriber of its call whose tenant is the record's; the JSON is built once per result.
 *
 * <p>Each subscriber has its own bounded queue and at most one write in flight (Jetty's {@link IteratingCallback}),
 * so the Transcript Connector's thread never waits for a client. A subscriber whose queue passes the bound is
 * dropped (its connection aborted) and counted: one slow console must not hold memory for the others.
 */
public final class LiveCallStreams {
    private static final Logger LOG = LoggerFactory.getLogger(LiveCallStreams.class);
    static final ByteBuffer HEARTBEAT = BufferUtil.toBuffer(": heartbeat\n\n", StandardCharsets.UTF_8);

    private final Map<String, Set<Subscriber>> byCall = new ConcurrentHashMap<>();
    private final long maxQueuedBytes;
    private final ProtocolCounters counters;

    /** @param maxQueuedBytes per subscriber, events not yet written to its socket before it is dropped */
    public LiveCallStreams(long maxQueuedBytes, ProtocolCounters counters) {
        this.maxQueuedBytes = maxQueuedBytes;
        this.counters = counters;
    }

    /**
     * The SSE event name of a result: {@code partial} for an interim hypothesis (superseded by later ones with the same
     * id), {@code final} for the recognizer's last word on the utterance.
     */
    public static String eventName(Utterance u) {
        return u.isFinal() ? "final" : "partial";
    }

    /** One whole SSE event ({@code event}, {@code id}, {@code data} on one line, blank line). */
    public static String sseEvent(Utterance u) {
        ObjectNode data = JsonCodec.MAPPER.createObjectNode();
        data.put("callId", u.callId());
        data.put("track", u.track().name());
        data.put("idx", u.idx());
        data.put("startMs", u.startMs());
        data.put("endMs", u.endMs());
        // calls.transcripts carries redacted utterances; redactedText wins should a producer fill both
        data.put("text", u.redactedText() != null ? u.redactedText() : u.text());
        data.put("isFinal", u.isFinal());
        ArrayNode words = data.putArray("words");
        for (Word w : u.words()) {
            words.addObject().put("word", w.word()).put("startMs", w.startMs()).put("endMs", w.endMs())
                    .put("confidence", w.confidence());
        }
        try {
            // compact JSON never contains a line break (those in the text are escaped), so one data line suffices
            return "event: " + eventName(u) + "\nid: " + singleLine(u.id()) + "\ndata: "
                    + JsonCodec.MAPPER.writeValueAsString(data) + "\n\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String singleLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }

    /**
     * Starts streaming a call to a response whose handler returned true; {@code done} is completed when the stream ends
     * (client gone, dropped, server closing).
     */
    public Subscriber subscribe(String tenant, String callId, Response response, Callback done) {
        Subscriber s = new Subscriber(tenant, callId, response, done);
        byCall.computeIfAbsent(callId, k -> ConcurrentHashMap.newKeySet()).add(s);
        counters.increment("live.subscribed");
        return s;
    }

    /** @return how many subscribers the result was queued for */
    public int publish(Utterance u) {
        Set<Subscriber> subs = byCall.get(u.callId());
        if (subs == null || subs.isEmpty()) {
            return 0;
        }
        ByteBuffer event = null;
        int n = 0;
        for (Subscriber s : subs) {
            if (!s.tenant.equals(u.tenant())) {
                continue; // another tenant's call under the same id: nothing of it, not even its existence
            }
            if (event == null) {
                event = BufferUtil.toBuffer(sseEvent(u), StandardCharsets.UTF_8);
            }
            if (s.offer(event.slice())) {
                n++;
            }
        }
        return n;
    }

    /** A comment line to every subscriber: keeps proxies and the idle timeout from closing a quiet stream. */
    public void heartbeat() {
        for (Set<Subscriber> subs : byCall.values()) {
            for (Subscriber s : subs) {
                s.offer(HEARTBEAT.slice());
            }
        }
    }

    public int subscribers(String callId) {
        Set<Subscriber> subs = byCall.get(callId);
        return subs == null ? 0 : subs.size();
    }

    public int size() {
        return byCall.values().stream().mapToInt(Set::size).sum();
    }

    /** Ends every stream cleanly (last chunk), as a server shutting down. */
    public void closeAll() {
        for (Set<Subscriber> subs : byCall.values()) {
            for (Subscriber s : List.copyOf(subs)) {
                s.end();
            }
        }
    }

    private void removed(Subscriber s) {
        byCall.computeIfPresent(s.callId, (k, subs) -> {
            subs.remove(s);
            return subs.isEmpty() ? null : subs;
        });
    }

    /** One open stream: a queue of encoded events and the single write Jetty allows at a time. */
    public final class Subscriber extends IteratingCallback {
        private final String tenant;
        private final String callId;
        private final Response response;
        private final Callback done;
        private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
        private final AtomicBoolean finished = new AtomicBoolean();
        private long queuedBytes;
        private boolean ending;
        private boolean lastWritten;

        Subscriber(String tenant, String callId, Response response, Callback done) {
            this.tenant = tenant;
            this.callId = callId;
            this.response = response;
            this.done = done;
        }

        /** False if the stream has ended or was just dropped for being too slow. */
        boolean offer(ByteBuffer chunk) {
            synchronized (queue) {
                if (ending || finished.get()) {
                    return false;
                }
                if (queuedBytes + chunk.remaining() > maxQueuedBytes) {
                    queue.clear();
                    queuedBytes = 0;
                    ending = true;
                } else {
                    queue.add(chunk);
                    queuedBytes += chunk.remaining();
                    chunk = null;
                }
            }
            if (chunk != null) {
                counters.increment("live.dropped_slow");
                LOG.warn("live call {}: dropped a subscriber of tenant {} that reads too slowly ({} bytes waiting)",
                        callId, tenant, maxQueuedBytes);
                abort(new IOException("subscriber too slow"));
                return false;
            }
            iterate();
            return true;
        }

        /** Writes what is queued, then the last chunk. */
        void end() {
            synchronized (queue) {
                ending = true;
            }
            iterate();
        }

        @Override
        protected Action process() {
            ByteBuffer next;
            boolean last = false;
            synchronized (queue) {
                next = queue.poll();
                if (next != null) {
                    queuedBytes -= next.remaining();
                } else if (ending) {
                    if (lastWritten) {
                        return Action.SUCCEEDED;
                    }
                    lastWritten = true;
                    last = true;
                }
            }
            if (next == null && !last) {
                return Action.IDLE;
            }
            response.write(last, last ? BufferUtil.EMPTY_BUFFER : next, this);
            return Action.SCHEDULED;
        }

        @Override
        protected void onCompleteSuccess() {
            finish(null);
        }

        @Override
        protected void onCompleteFailure(Throwable cause) {
            finish(cause);
        }

        @Override
        protected void onAborted(Throwable cause) {
            // a write may be pending on a client that does not read: failing the handler's callback aborts the
            // connection, which completes that write
            finish(cause);
        }

        private void finish(Throwable cause) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            removed(this);
            if (cause == null) {
                done.succeeded();
            } else {
                LOG.debug("live call {}: stream ended: {}", callId, cause.toString());
                done.failed(cause);
            }
        }
    }
}
