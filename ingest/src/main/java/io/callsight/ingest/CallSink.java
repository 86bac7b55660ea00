package io.callsight.ingest;

import io.callsight.events.AudioFrame;
import io.callsight.events.CallEvent;
import java.util.List;

/**
 * Where calls go once they are read from a recording or received live: the call's start, its audio frames as they
 * come, its end. Recorded import and live ingest publish through this one seam, so the records on Kafka look the
 * same whichever way a call came in ({@link KafkaCallSink}).
 */
public interface CallSink extends AutoCloseable {

    /** Opens {@code started}'s call (a {@link CallEvent.Type#STARTED} event); its frames and end follow on the handle. */
    OpenCall start(CallEvent started) throws PublishException;

    @Override
    void close();

    /** One call being published. A failed method leaves the call abandoned: call nothing more on it. */
    interface OpenCall {
        /** Frames of any of the call's tracks, each track's in order. */
        void frames(List<AudioFrame> frames) throws PublishException;

        /** A change of the call while it runs (a {@link CallEvent.Type#UPDATED} event, e.g. a new language). */
        void update(CallEvent updated) throws PublishException;

        /** Ends the call with its {@link CallEvent.Type#ENDED} event; the call is complete once this returns. */
        void end(CallEvent ended) throws PublishException;

        /**
         * Gives the call up before its end. What readers see of it depends on the sink: nothing for a sink that
         * publishes a call whole, what was sent so far for a streaming one. Does nothing once the call has ended.
         */
        void abandon();
    }
}
