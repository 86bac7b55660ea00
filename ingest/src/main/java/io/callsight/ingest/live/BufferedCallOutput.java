package io.callsight.ingest.live;

import io.callsight.events.AudioFrame;
import io.callsight.events.CallEvent;
import io.callsight.ingest.CallSink;
import io.callsight.ingest.PublishException;
import io.callsight.ingest.audiohook.CallOutput;
import io.callsight.ingest.audiohook.ProtocolCounters;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts live calls on a {@link CallSink} from publishing threads, never from the WebSocket's: each call has its own
 * bounded queue, drained in order by a small shared pool. A slow or absent Kafka then only fills queues; pongs and
 * {@code closed} still go out, and other calls' queues drain on the other threads.
 *
 * <p>A record the sink refuses is retried (with back-off) at the head of its call's queue, so order within a call
 * holds. The session is told, once, when its queue passes {@code maxBufferedBytes} or Kafka has refused it for
 * {@code giveUpAfter}; audio queued until then is kept (up to twice the bound) and published when Kafka takes it.
 */
public final class BufferedCallOutput implements CallOutput {
    private static final Logger LOG = LoggerFactory.getLogger(BufferedCallOutput.class);
    private static final long MIN_BACKOFF_MS = 200;
    private static final long MAX_BACKOFF_MS = 5_000;

    private final CallSink sink;
    private final ScheduledExecutorService executor;
    private final long maxBufferedBytes;
    private final Duration giveUpAfter;
    private final ProtocolCounters counters;

    public BufferedCallOutput(CallSink sink, ScheduledExecutorService executor, long maxBufferedBytes,
            Duration giveUpAfter, ProtocolCounters counters) {
        this.sink = sink;
        this.executor = executor;
        this.maxBufferedBytes = maxBufferedBytes;
        this.giveUpAfter = giveUpAfter;
        this.counters = counters;
    }

    @Override
    public LiveCall start(CallEvent started, Consumer<String> trouble) {
        QueuedCall call = new QueuedCall(started, trouble);
        call.enqueue(started, 0);
        return call;
    }

    private final class QueuedCall implements LiveCall {
        private final CallEvent started;
        private final Consumer<String> trouble;
        private final ArrayDeque<Object> queue = new ArrayDeque<>();
        private long queuedBytes;
        private boolean draining;
        private boolean told;
        private boolean dead;
        private long failingSince = -1;
        private long backoffMs = MIN_BACKOFF_MS;
        private CallSink.OpenCall open;

        QueuedCall(CallEvent started, Consumer<String> trouble) {
            this.started = started;
            this.trouble = trouble;
        }

        @Override
        public void frames(List<AudioFrame> frames) {
            String tell = null;
            synchronized (this) {
                for (AudioFrame f : frames) {
                    if (dead || queuedBytes + f.payload().length > 2 * maxBufferedBytes) {
                        counters.increment("publish.frames_dropped");
                        continue;
                    }
                    queue.add(f);
                    queuedBytes += f.payload().length;
                }
                if (queuedBytes > maxBufferedBytes && !told) {
                    told = true;
                    tell = "call " + started.callId() + ": " + queuedBytes + " bytes of audio wait for Kafka (bound "
                            + maxBufferedBytes + ")";
                }
                scheduleLocked(0);
            }
            if (tell != null) {
                trouble.accept(tell);
            }
        }

        @Override
        public void update(CallEvent updated) {
            enqueue(updated, 0);
        }

        @Override
        public void end(CallEvent ended) {
            enqueue(ended, 0);
        }

        void enqueue(Object op, long delayMs) {
            synchronized (this) {
                if (dead) {
                    return;
                }
                queue.add(op);
                scheduleLocked(delayMs);
            }
        }

        private void scheduleLocked(long delayMs) {
            if (!draining && !queue.isEmpty()) {
                draining = true;
                executor.schedule(this::drain, delayMs, TimeUnit.MILLISECONDS);
            }
        }

        private void drain() {
            while (true) {
                Object op;
                synchronized (this) {
                    op = queue.peek();
                    if (op == null || dead) {
                        draining = false;
                        return;
                    }
                }
                try {
                    publish(op);
                } catch (PublishException | RuntimeException e) {
                    retryLater(e);
                    return;
                }
                synchronized (this) {
                    queue.poll();
                    if (op instanceof AudioFrame f) {
                        queuedBytes -= f.payload().length;
                    }
                    failingSince = -1;
                    backoffMs = MIN_BACKOFF_MS;
                }
            }
        }

        private void publish(Object op) throws PublishException {
            if (op == started) {
                open = sink.start(started);
            } else if (op instanceof AudioFrame f) {
                open.frames(List.of(f));
            } else if (op instanceof CallEvent e && e.type() == CallEvent.Type.UPDATED) {
                open.update(e);
            } else if (op instanceof CallEvent e) {
                open.end(e);
                counters.increment("publish.calls_ended");
            }
        }

        private void retryLater(Exception e) {
            String tell = null;
            synchronized (this) {
                long now = System.currentTimeMillis();
                if (failingSince < 0) {
                    failingSince = now;
                    LOG.warn("call {}: Kafka refused a record, retrying: {}", started.callId(), e.getMessage());
                }
                counters.increment("publish.retries");
                if (now - failingSince > giveUpAfter.toMillis()) {
                    dead = true;
                    draining = false;
                    counters.increment("publish.calls_lost");
                    LOG.error("call {}: Kafka refused its records for {}; {} queued records dropped", started.callId(),
                            giveUpAfter, queue.size());
                    queue.clear();
                    queuedBytes = 0;
                    if (open != null) {
                        open.abandon();
                    }
                    tell = "call " + started.callId() + ": Kafka unavailable for " + giveUpAfter;
                } else {
                    draining = false;
                    scheduleLocked(backoffMs);
                    backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
                    if (!told && now - failingSince > MAX_BACKOFF_MS) {
                        told = true;
                        tell = "call " + started.callId() + ": Kafka refuses records: " + e.getMessage();
                    }
                }
            }
            if (tell != null) {
                trouble.accept(tell);
            }
        }
    }
}
