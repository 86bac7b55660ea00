package io.callsight.ingest.audiohook;

import io.callsight.events.AudioFrame;
import io.callsight.events.CallEvent;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where a session's call goes (calls.events / calls.audio through a {@code CallSink}). Every method returns at
 * once: a slow or absent Kafka must never hold up a session's protocol (pongs, closed) or another session.
 */
public interface CallOutput {
    /**
     * @param trouble told (once, from any thread) when the call's records cannot be published fast enough or at
     *                all; audio already handed over is kept and still published when possible
     */
    LiveCall start(CallEvent started, Consumer<String> trouble);

    interface LiveCall {
        void frames(List<AudioFrame> frames);

        void update(CallEvent updated);

        void end(CallEvent ended);
    }
}
