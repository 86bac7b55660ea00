package io.callsight.asr.vad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.asr.recognition.CountingRecognizer;
import io.callsight.asr.recognition.FrontEndConfig;
import io.callsight.asr.recognition.TrackTranscriber;
import io.callsight.asr.audio.G711;
import io.callsight.events.AudioCodec;
import io.callsight.events.AudioFrame;
import io.callsight.events.Track;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A transcriber reports each track's speech segments on the call's time line, whether or not it gates. */
class TrackSpeechSegmentsTest {
    private static final int RATE = 8000;

    /** 1 s quiet, 2 s speech, 2 s quiet, 2 s speech, 1 s quiet. */
    private static byte[] twoTurns() {
        double[] x = VadSignals.scaled(VadSignals.white(RATE * 8, 3), 20);
        for (int start : new int[] {1, 5}) {
            double[] speech = VadSignals.speechLike(RATE, 2 * RATE, 140, 6000, start);
            for (int i = 0; i < speech.length; i++) {
                x[start * RATE + i] += speech[i];
            }
        }
        return G711.ulawEncode(VadSignals.toPcm(x));
    }

    private static List<SpeechSegment> segments(FrontEndConfig config) {
        byte[] ulaw = twoTurns();
        List<SpeechSegment> out = new ArrayList<>();
        try (TrackTranscriber t = new TrackTranscriber(new CountingRecognizer(), "t", "call", Track.CUSTOMER, config)) {
            for (int i = 0, seq = 0; i < ulaw.length; i += 800, seq++) {
                byte[] payload = Arrays.copyOfRange(ulaw, i, Math.min(ulaw.length, i + 800));
                t.accept(new AudioFrame("t", "call", Track.CUSTOMER, seq, 5_000 + i / 8, AudioCodec.PCMU, RATE,
                        payload, i + 800 >= ulaw.length));
                out.addAll(t.drainSpeechSegments());
            }
            assertEquals(List.of(), t.drainSpeechSegments(), "drained");
        }
        return out;
    }

    @Test
    void bothTurnsAreReportedOnCallTimeWithOrWithoutGating() {
        List<SpeechSegment> gated = segments(FrontEndConfig.none().withVad(true));
        List<SpeechSegment> ungated = segments(FrontEndConfig.none());
        assertEquals(2, gated.size(), gated.toString());
        assertEquals(gated, ungated, "the same detector decides both");
        // Speech at 1–3 s and 5–7 s of a track whose first frame is at 5 s of the call, padding around it.
        SpeechSegment first = gated.get(0);
        SpeechSegment second = gated.get(1);
        assertTrue(first.startMs() <= 6_000 && first.startMs() >= 5_500, first.toString());
        assertTrue(first.endMs() >= 8_000 && first.endMs() <= 8_600, first.toString());
        assertTrue(second.startMs() <= 10_000 && second.endMs() >= 12_000, second.toString());
    }
}
