package io.callsight.ingest.live;

import io.callsight.events.AudioFrame;
import io.callsight.events.CallEvent;
import io.callsight.ingest.CallSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;

/** A thread-safe sink in memory; calls whose id matches {@code blockOn} hang in start() until released. */
final class RecordingSink implements CallSink {
    final List<CallEvent> events = new CopyOnWriteArrayList<>();
    final List<AudioFrame> frames = new CopyOnWriteArrayList<>();
    volatile Predicate<String> blockOn = id -> false;
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public OpenCall start(CallEvent started) {
        if (blockOn.test(started.callId())) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        events.add(started);
        return new OpenCall() {
            @Override
            public void frames(List<AudioFrame> batch) {
                frames.addAll(batch);
            }

            @Override
            public void update(CallEvent updated) {
                events.add(updated);
            }

            @Override
            public void end(CallEvent ended) {
                events.add(ended);
            }

            @Override
            public void abandon() {
            }
        };
    }

    List<CallEvent> eventsOf(String callId) {
        return events.stream().filter(e -> e.callId().equals(callId)).toList();
    }

    List<AudioFrame> framesOf(String callId) {
        return frames.stream().filter(f -> f.callId().equals(callId)).toList();
    }

    @Override
    public void close() {
    }
}
