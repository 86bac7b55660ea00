package io.callsight.ingest;

import io.callsight.events.AudioFrame;
import io.callsight.events.CallEvent;
import java.util.ArrayList;
import java.util.List;

/** A sink in memory: what was published, call by call, and which calls were abandoned. Fails on request. */
final class CollectingCallSink implements CallSink {
    final List<CallEvent> events = new ArrayList<>();
    final List<AudioFrame> frames = new ArrayList<>();
    final List<String> abandoned = new ArrayList<>();
    String failEndOf;

    @Override
    public OpenCall start(CallEvent started) {
        events.add(started);
        return new OpenCall() {
            private boolean ended;

            @Override
            public void frames(List<AudioFrame> batch) {
                frames.addAll(batch);
            }

            @Override
            public void update(CallEvent updated) {
                events.add(updated);
            }

            @Override
            public void end(CallEvent ended) throws PublishException {
                if (started.callId().equals(failEndOf)) {
                    throw new PublishException("broker gone");
                }
                events.add(ended);
                this.ended = true;
            }

            @Override
            public void abandon() {
                if (!ended) {
                    abandoned.add(started.callId());
                }
            }
        };
    }

    @Override
    public void close() {
    }
}
