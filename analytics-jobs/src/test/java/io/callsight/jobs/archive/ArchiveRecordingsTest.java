package io.callsight.jobs.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.archive.RecordingKey;
import io.callsight.events.AudioCodec;
import io.callsight.events.AudioFrame;
import io.callsight.events.CallEvent;
import io.callsight.events.RecordingArchived;
import io.callsight.events.Track;
import io.callsight.tenants.TenantPaths;
import io.callsight.tenants.admin.DemoTenants;
import io.callsight.tenants.admin.TenantSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive writer with its state and timers: when a call counts as over, and re-imports of the same call. */
class ArchiveRecordingsTest {
    private static final long GRACE_MS = 30_000;

    @TempDir
    Path dataDir;

    private ArchiveSettings settings;

    @BeforeEach
    void tenant() {
        DemoTenants.ensure(TenantPaths.resolve(dataDir, null, Map.of()), Map.of(), List.of(TenantSpec.of("acme", "Acme")));
        settings = new ArchiveSettings(dataDir.resolve("recordings").toString(), dataDir.toString(), GRACE_MS);
    }

    private KeyedOneInputStreamOperatorTestHarness<String, ArchiveInput, RecordingArchived> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ArchiveRecordings(settings)),
                ArchiveInput::callId, Types.STRING);
        h.open();
        return h;
    }

    private static ArchiveInput frame(Track track, int seq, boolean last, int level) {
        byte[] pcm = new byte[1600]; // 100 ms of L16 at 8 kHz
        for (int i = 0; i < pcm.length; i += 2) {
            pcm[i] = (byte) level;
        }
        return ArchiveInput.of(new AudioFrame("acme", "c1", track, seq, seq * 100L, AudioCodec.L16, 8000, pcm, last));
    }

    private static ArchiveInput ended() {
        return ArchiveInput.of(new CallEvent("acme", "c1", CallEvent.Type.ENDED, CallEvent.Direction.INBOUND, null, null,
                null, null, List.of(Track.CUSTOMER, Track.AGENT), 0, 300, "c1.wav", 1));
    }

    private static void feed(KeyedOneInputStreamOperatorTestHarness<String, ArchiveInput, RecordingArchived> h,
            ArchiveInput... inputs) throws Exception {
        for (ArchiveInput i : inputs) {
            h.processElement(new StreamRecord<>(i));
        }
    }

    @Test
    void aCallIsArchivedOnceItHasEndedAndEveryTrackHasSentItsLastFrame() throws Exception {
        try (var h = harness()) {
            feed(h, ended(), frame(Track.CUSTOMER, 0, false, 1), frame(Track.CUSTOMER, 1, true, 1), frame(Track.AGENT, 0, false, 2));
            assertTrue(h.extractOutputValues().isEmpty(), "the agent's track has not ended");
            feed(h, frame(Track.AGENT, 1, true, 2));
            RecordingArchived archived = h.extractOutputValues().get(0);
            assertEquals(200, archived.durationMs());
            assertTrue(archived.allTracksEnded());
            assertEquals(200, settings.open().open(new RecordingKey("acme", "c1")).orElseThrow().durationMs());
        }
    }

    @Test
    void aTrackThatNeverEndsIsArchivedAsFarAsItGotWhenTheGraceRunsOut() throws Exception {
        try (var h = harness()) {
            h.setProcessingTime(0);
            feed(h, frame(Track.CUSTOMER, 0, true, 1), frame(Track.AGENT, 0, false, 2), ended());
            h.setProcessingTime(GRACE_MS);
            RecordingArchived archived = h.extractOutputValues().get(0);
            assertFalse(archived.allTracksEnded());
            assertEquals(GRACE_MS, archived.sinceEndedMs());
        }
    }

    /** Under backpressure the audio trails ENDED by more than the grace: the recording must still be whole. */
    @Test
    void audioThatTrailsItsEndedEventByMoreThanTheGraceIsStillArchivedWhole() throws Exception {
        try (var h = harness()) {
            h.setProcessingTime(0);
            feed(h, ended(), frame(Track.CUSTOMER, 0, false, 1), frame(Track.AGENT, 0, false, 2));
            h.setProcessingTime(GRACE_MS - 1);
            feed(h, frame(Track.CUSTOMER, 1, true, 1));
            h.setProcessingTime(2 * GRACE_MS - 2);
            assertTrue(h.extractOutputValues().isEmpty(), "frames keep coming: not cut at ENDED + grace");
            feed(h, frame(Track.AGENT, 1, true, 2));
            assertEquals(1, h.extractOutputValues().size());
            assertTrue(h.extractOutputValues().get(0).allTracksEnded());
            assertEquals(200, h.extractOutputValues().get(0).durationMs());
        }
    }

    /** The last recording written for the call, as the archive holds it. */
    private io.callsight.archive.DualTrackRecording archived() throws Exception {
        return settings.open().open(new RecordingKey("acme", "c1")).orElseThrow();
    }

    /** A re-import: the first run's grace timer cuts nothing short, and the re-import ends up archived whole. */
    @Test
    void aReimportEndsUpArchivedWhole() throws Exception {
        try (var h = harness()) {
            h.setProcessingTime(0);
            feed(h, ended(), frame(Track.CUSTOMER, 0, true, 1), frame(Track.AGENT, 0, true, 2));
            assertEquals(1, h.extractOutputValues().size(), "the first run is archived");

            h.setProcessingTime(10_000); // the same call again, its ENDED overtaking its audio
            feed(h, ended(), frame(Track.CUSTOMER, 0, false, 1), frame(Track.CUSTOMER, 1, true, 1), frame(Track.AGENT, 0, false, 2));
            h.setProcessingTime(GRACE_MS + 1); // where the first run's grace would have ended
            feed(h, frame(Track.AGENT, 1, true, 2));
            h.setProcessingTime(GRACE_MS + 1 + GRACE_MS); // quiet for a grace period after the last frame
            List<RecordingArchived> out = h.extractOutputValues();
            assertTrue(out.get(out.size() - 1).allTracksEnded());
            assertEquals(200, out.get(out.size() - 1).durationMs(), "the re-import is archived whole");
            assertEquals(2, archived().pcm(Track.AGENT)[800], "its last agent frame is in the archive");
        }
    }

    /**
     * A job started afresh re-reads the last run's uncommitted tail (its last frames and its ENDED) and then gets a
     * re-import of the same call: the tail alone satisfies "every track ended" and is written first, but the whole
     * call replaces it once the re-import's audio has arrived.
     */
    @Test
    void aReplayedTailThenAReimportConvergesOnTheWholeCall() throws Exception {
        try (var h = harness()) {
            h.setProcessingTime(0);
            feed(h, frame(Track.CUSTOMER, 1, true, 1), frame(Track.AGENT, 1, true, 2), ended()); // the tail, replayed
            assertEquals(1, h.extractOutputValues().size(), "the tail is written at once");
            feed(h, ended(), frame(Track.CUSTOMER, 0, false, 1), frame(Track.AGENT, 0, false, 2)); // the re-import
            feed(h, frame(Track.CUSTOMER, 1, true, 1), frame(Track.AGENT, 1, true, 2));
            h.setProcessingTime(GRACE_MS);
            RecordingArchived last = h.extractOutputValues().get(h.extractOutputValues().size() - 1);
            assertEquals(200, last.durationMs());
            assertEquals(1, archived().pcm(Track.CUSTOMER)[0], "the call's first frame is in the archive");
            assertEquals(2, archived().pcm(Track.AGENT)[1000]);
        }
    }

    /**
     * The tracks travel at different paces: a re-import's agent audio can arrive before the first run's customer track
     * has ended. Those frames must not be dropped when the first run is written.
     */
    @Test
    void aReimportsEarlyFramesSurviveTheWriteOfTheFirstRun() throws Exception {
        try (var h = harness()) {
            h.setProcessingTime(0);
            feed(h, ended(), frame(Track.AGENT, 0, false, 2), frame(Track.AGENT, 1, true, 2), frame(Track.CUSTOMER, 0, false, 1));
            feed(h, frame(Track.AGENT, 0, false, 2)); // the re-import's first agent frame, early
            feed(h, frame(Track.CUSTOMER, 1, true, 1)); // the first run is over: written
            assertEquals(1, h.extractOutputValues().size());
            feed(h, frame(Track.AGENT, 1, true, 2), frame(Track.CUSTOMER, 0, false, 1), frame(Track.CUSTOMER, 1, true, 1), ended());
            assertEquals(2, h.extractOutputValues().size(), "the re-import is written again");
            assertEquals(2, archived().pcm(Track.AGENT)[0], "the early agent frame is in the re-import's recording");
            assertTrue(h.extractOutputValues().get(1).allTracksEnded());
        }
    }

    @Test
    void aWrittenCallsFramesAreLetGoOnceItIsQuiet() throws Exception {
        try (var h = harness()) {
            h.setProcessingTime(0);
            feed(h, ended(), frame(Track.CUSTOMER, 0, true, 1), frame(Track.AGENT, 0, true, 2));
            assertTrue(h.numKeyedStateEntries() > 0);
            h.setProcessingTime(ArchiveRecordings.LINGER_MS);
            assertEquals(0, h.numKeyedStateEntries(), "no state left behind");
        }
    }

    @Test
    void framesThatNeverGetAnEndedEventAreDroppedFromStateAfterADay() throws Exception {
        try (var h = harness()) {
            h.setProcessingTime(0);
            feed(h, frame(Track.CUSTOMER, 0, true, 1));
            h.setProcessingTime(ArchiveRecordings.ABANDON_AFTER_MS);
            assertEquals(0, h.numKeyedStateEntries(), "no state left behind");
            assertTrue(h.extractOutputValues().isEmpty());
        }
    }
}
