package io.callsight.jobs.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.callsight.events.CallEvent;
import io.callsight.events.Track;
import io.callsight.search.schema.CallStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallDocumentTest {
    private static CallEvent event(CallEvent.Type type, long durationMs) {
        return new CallEvent("acme", "c1", type, CallEvent.Direction.INBOUND, null, null, "agent-1", null,
                List.of(Track.CUSTOMER, Track.AGENT), 1000, durationMs, "c1.wav", 5);
    }

    private static TrackSummary track(Track track, int utterances, boolean completed) {
        return new TrackSummary("acme", "c1", track, utterances, utterances * 4, 60_000, completed);
    }

    @Test
    void completesOnlyWhenEndedAndEveryTrackIsTranscribed() {
        CallDocument doc = new CallDocument();
        doc.apply(event(CallEvent.Type.STARTED, 0));
        assertEquals(CallStatus.IN_PROGRESS, doc.status);
        doc.apply(track(Track.CUSTOMER, 3, true));
        doc.apply(event(CallEvent.Type.ENDED, 61_000));
        assertEquals(CallStatus.TRANSCRIBING, doc.status);
        doc.apply(track(Track.AGENT, 5, true));
        assertEquals(CallStatus.COMPLETED, doc.status);
        assertEquals(8, doc.utteranceCount);
        assertEquals(32, doc.wordCount);
        assertEquals(61_000, doc.durationMs);
    }

    @Test
    void aTrackClosedForIdlenessMakesTheCallIncomplete() {
        CallDocument doc = new CallDocument();
        doc.apply(event(CallEvent.Type.STARTED, 0));
        doc.apply(event(CallEvent.Type.ENDED, 61_000));
        doc.apply(track(Track.CUSTOMER, 3, true));
        doc.apply(track(Track.AGENT, 1, false));
        assertEquals(CallStatus.INCOMPLETE, doc.status);
    }

    @Test
    void aDuplicateTrackSummaryIsNotCountedTwice() {
        CallDocument doc = new CallDocument();
        doc.apply(track(Track.CUSTOMER, 3, true));
        doc.apply(track(Track.CUSTOMER, 3, true));
        assertEquals(3, doc.utteranceCount);
    }

    @Test
    void aReimportedCallStartsCountingAfresh() {
        CallDocument doc = new CallDocument();
        doc.apply(event(CallEvent.Type.STARTED, 0));
        doc.apply(track(Track.CUSTOMER, 3, true));
        doc.apply(track(Track.AGENT, 5, true));
        doc.apply(event(CallEvent.Type.ENDED, 61_000));
        assertEquals(CallStatus.COMPLETED, doc.status);

        doc.apply(event(CallEvent.Type.STARTED, 0));
        assertEquals(CallStatus.IN_PROGRESS, doc.status);
        assertEquals(0, doc.utteranceCount);
        doc.apply(track(Track.CUSTOMER, 3, true));
        doc.apply(track(Track.AGENT, 5, true));
        doc.apply(event(CallEvent.Type.ENDED, 61_000));
        assertEquals(CallStatus.COMPLETED, doc.status);
        assertEquals(8, doc.utteranceCount);
    }

    @Test
    void aTrackFinishingBeforeTheStartEventIsKept() {
        CallDocument doc = new CallDocument();
        doc.apply(track(Track.CUSTOMER, 2, true));
        doc.apply(event(CallEvent.Type.STARTED, 0));
        assertEquals(List.of("CUSTOMER"), doc.tracksTranscribed);
    }

    @Test
    void aReimportWithFewerUtterancesNamesTheStaleOnes() {
        CallDocument doc = new CallDocument();
        doc.apply(event(CallEvent.Type.STARTED, 0));
        doc.apply(track(Track.CUSTOMER, 4, true));
        doc.apply(track(Track.AGENT, 2, true));
        doc.apply(event(CallEvent.Type.ENDED, 61_000));

        doc.apply(event(CallEvent.Type.STARTED, 0));
        doc.apply(track(Track.CUSTOMER, 2, true));
        assertEquals(List.of("c1/CUSTOMER/2", "c1/CUSTOMER/3"), doc.drainStaleUtteranceIds());
        doc.apply(track(Track.AGENT, 3, true));
        assertEquals(List.of(), doc.drainStaleUtteranceIds());
    }

    /**
     * A re-imported call's audio and its STARTED event travel on different topics, and under backpressure a
     * whole track can be transcribed before that event is through: the finished call must not swallow the
     * summary as a duplicate, or the new transcription never completes.
     */
    @Test
    void aReimportedTrackFinishingBeforeItsStartEventIsCountedForTheNewTranscription() {
        CallDocument doc = new CallDocument();
        doc.apply(event(CallEvent.Type.STARTED, 0));
        doc.apply(track(Track.CUSTOMER, 4, true));
        doc.apply(track(Track.AGENT, 2, true));
        doc.apply(event(CallEvent.Type.ENDED, 61_000));
        doc.drainStaleUtteranceIds();

        doc.apply(track(Track.CUSTOMER, 3, true)); // the re-import's, ahead of its STARTED event
        assertEquals(CallStatus.COMPLETED, doc.status, "still the first transcription's document");
        assertEquals(6, doc.utteranceCount);
        doc.apply(event(CallEvent.Type.STARTED, 0));
        assertEquals(List.of("CUSTOMER"), doc.tracksTranscribed);
        assertEquals(List.of("c1/CUSTOMER/3"), doc.drainStaleUtteranceIds());
        doc.apply(event(CallEvent.Type.ENDED, 61_000));
        doc.apply(track(Track.AGENT, 2, true));
        assertEquals(CallStatus.COMPLETED, doc.status);
        assertEquals(5, doc.utteranceCount);
    }
}
