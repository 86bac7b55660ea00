package io.callsight.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.asr.audio.WavFile;
import io.callsight.events.AudioCodec;
import io.callsight.events.CallEvent;
import io.callsight.events.Track;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingReaderTest {
    @TempDir
    Path dir;

    private final RecordingReader reader = new RecordingReader("demo");

    private Path stereo(String name, int rate, AudioCodec codec) throws Exception {
        short[] left = new short[rate / 2];
        short[] right = new short[rate / 2];
        for (int i = 0; i < left.length; i++) {
            left[i] = (short) (8000 * Math.sin(i * 0.1));
            right[i] = (short) (8000 * Math.sin(i * 0.2));
        }
        Path file = dir.resolve(name);
        WavFile.write(file, rate, codec, left, right);
        return file;
    }

    @Test
    void stereoBecomesCustomerAndAgentTracks() throws Exception {
        CallRecording call = reader.read(stereo("a.wav", 8000, AudioCodec.PCMU));
        assertEquals(List.of(Track.CUSTOMER, Track.AGENT), call.tracks());
        assertEquals("demo", call.tenant());
        assertTrue(call.warnings().isEmpty());
        assertEquals(500, call.audio().durationMs());
    }

    @Test
    void monoIsACustomerTrackWithAWarning() throws Exception {
        Path file = dir.resolve("mono.wav");
        WavFile.write(file, 16000, AudioCodec.L16, new short[1600]);
        CallRecording call = reader.read(file);
        assertEquals(List.of(Track.CUSTOMER), call.tracks());
        assertTrue(call.warnings().get(0).contains("mono"));
    }

    @Test
    void theSameFileGetsTheSameCallIdAndAnotherTenantAnother() throws Exception {
        Path file = stereo("a.wav", 8000, AudioCodec.PCMA);
        assertEquals(reader.read(file).callId(), reader.read(file).callId());
        assertNotEquals(reader.read(file).callId(), new RecordingReader("other").read(file).callId());
    }

    @Test
    void theSidecarGivesTenantCallIdAndDirection() throws Exception {
        Path file = stereo("call-7.wav", 8000, AudioCodec.PCMU);
        Files.writeString(dir.resolve("call-7.json"), """
                {"tenant": "acme-bank", "callId": "call-7", "direction": "OUTBOUND",
                 "agentId": "agent-3", "startTime": "2025-03-03T09:12:00Z", "extra": 1}
                """);
        CallRecording call = reader.read(file);
        assertEquals("acme-bank", call.tenant());
        assertEquals("call-7", call.callId());
        assertEquals(CallEvent.Direction.OUTBOUND, call.direction());
        assertEquals("agent-3", call.metadata().agentId());
    }

    @Test
    void anInvalidSidecarIsNamedWithItsLine() throws Exception {
        Path file = stereo("b.wav", 8000, AudioCodec.PCMU);
        Files.writeString(dir.resolve("b.json"), "{\n \"tenant\": \"acme\",\n \"direction\": SIDEWAYS\n}");
        ImportException e = assertThrows(ImportException.class, () -> reader.read(file));
        assertTrue(e.getMessage().contains("b.json") && e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void anInvalidTenantIsRejected() throws Exception {
        Path file = stereo("c.wav", 8000, AudioCodec.PCMU);
        Files.writeString(dir.resolve("c.json"), "{\"tenant\": \"Acme Bank!\"}");
        ImportException e = assertThrows(ImportException.class, () -> reader.read(file));
        assertTrue(e.getMessage().contains("invalid tenant id 'Acme Bank!'"), e.getMessage());
    }

    @Test
    void unsupportedRatesAndBrokenFilesGetOneLineReasons() throws Exception {
        ImportException rate = assertThrows(ImportException.class,
                () -> reader.read(stereo("d.wav", 44100, AudioCodec.L16)));
        assertTrue(rate.getMessage().contains("unsupported sample rate 44100"), rate.getMessage());

        Path empty = Files.createFile(dir.resolve("empty.wav"));
        assertTrue(assertThrows(ImportException.class, () -> reader.read(empty)).getMessage().contains("empty"));

        Path missing = dir.resolve("missing.wav");
        assertTrue(assertThrows(ImportException.class, () -> reader.read(missing)).getMessage().contains("no such file"));
    }
}
