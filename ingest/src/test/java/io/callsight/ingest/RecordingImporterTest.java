package io.callsight.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.asr.audio.WavFile;
import io.callsight.events.AudioCodec;
import io.callsight.events.AudioFrame;
import io.callsight.events.CallEvent;
import io.callsight.events.Track;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recording goes through the call sink as a live call would: started, frames in time order, ended. */
class RecordingImporterTest {
    @TempDir
    Path dir;

    private final CollectingCallSink sink = new CollectingCallSink();
    private final RecordingImporter importer = new RecordingImporter(new RecordingReader("acme"), sink, 100,
            "acme"::equals, "tenants.yaml");

    private Path stereo(String name, int samples) throws Exception {
        Path file = dir.resolve(name);
        WavFile.write(file, 8000, AudioCodec.PCMU, new short[samples], new short[samples]);
        Files.writeString(dir.resolve(name.replace(".wav", ".json")), "{\"ani\": \"+15551234567\", \"agentId\": \"a-7\"}");
        return file;
    }

    @Test
    void aRecordingIsStartedFramedInTimeOrderAndEnded() throws Exception {
        ImportResult result = importer.importOne(stereo("call.wav", 8000 * 3 / 2)); // 1.5 s per track
        assertTrue(result.ok(), result.toString());
        assertEquals(List.of(CallEvent.Type.STARTED, CallEvent.Type.ENDED), sink.events.stream().map(CallEvent::type).toList());
        CallEvent ended = sink.events.get(1);
        assertEquals(1500, ended.durationMs());
        assertEquals(List.of(Track.CUSTOMER, Track.AGENT), ended.tracks());
        assertEquals("a-7", ended.agentId());
        assertEquals(24, ended.aniHash().length(), "the caller's number leaves ingest hashed");
        assertFalse(ended.aniHash().contains("5551234567"));
        assertEquals(30, sink.frames.size(), "15 frames of 100 ms per track");
        assertEquals(result.frames(), sink.frames.size());
        for (int i = 1; i < sink.frames.size(); i++) {
            assertTrue(sink.frames.get(i - 1).startMs() <= sink.frames.get(i).startMs(), "interleaved by time");
        }
        List<AudioFrame> customer = sink.frames.stream().filter(f -> f.track() == Track.CUSTOMER).toList();
        assertTrue(customer.get(customer.size() - 1).endOfTrack(), "the last frame of a track ends it");
        assertTrue(sink.abandoned.isEmpty());
    }

    @Test
    void aCallOfAnUnknownTenantIsRefusedWhole() throws Exception {
        Path file = stereo("call.wav", 800);
        Files.writeString(dir.resolve("call.json"), "{\"tenant\": \"globex\"}");
        ImportResult result = importer.importOne(file);
        assertEquals("unknown tenant 'globex' (not in the tenant registry tenants.yaml); nothing was published", result.error());
        assertTrue(sink.events.isEmpty() && sink.frames.isEmpty(), "nothing was published");
    }

    @Test
    void aBadFileStartsNoCall() throws Exception {
        Path junk = dir.resolve("junk.wav");
        Files.writeString(junk, "not a wav file at all");
        ImportResult result = importer.importOne(junk);
        assertFalse(result.ok());
        assertTrue(sink.events.isEmpty(), "nothing was published");
    }

    @Test
    void aCallTheSinkRejectsIsAbandonedAndReportedAndTheBatchGoesOn() throws Exception {
        Path first = stereo("a.wav", 800);
        Path second = stereo("b.wav", 1600); // another recording: another call id
        sink.failEndOf = new RecordingReader("acme").read(first).callId();
        List<ImportResult> results = importer.importAll(List.of(dir), r -> { });
        assertEquals(2, results.size());
        assertEquals("broker gone", results.get(0).error());
        assertNull(results.get(1).error());
        assertEquals(List.of(sink.failEndOf), sink.abandoned);
        assertEquals(second.getFileName().toString(), sink.events.get(sink.events.size() - 1).source());
    }
}
