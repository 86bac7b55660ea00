package io.callsight.tts.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.asr.callprogress.CallProgressTones;
import io.callsight.asr.callprogress.DialStatus;
import io.callsight.asr.callprogress.ToneKind;
import io.callsight.asr.callprogress.TonePlan;
import io.callsight.asr.noise.Mixer;
import io.callsight.asr.noise.SyntheticSpeech;
import io.callsight.tts.SpeechSynthesizer;
import io.callsight.tts.Voice;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DialStatusBenchmarkTest {
    /** Speech-like sound, 300 ms a word: the benchmark's mechanics without MaryTTS. */
    private static final SpeechSynthesizer SPEECH_LIKE = new SpeechSynthesizer() {
        @Override
        public short[] synthesize(String text, Voice voice) {
            int words = text.strip().split("\\s+").length;
            return Mixer.toPcm(SyntheticSpeech.generate(8 * 300 * words, 8000, 9000, (text + voice).hashCode()));
        }

        @Override
        public int sampleRate() {
            return 8000;
        }
    };

    @Test
    void printsBothClassifiersTablesAndFiguresThatMatchItsRuns() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        DialStatusBenchmark.Result result = DialStatusBenchmark.run(
                new DialStatusBenchmark.Options(14, 3, List.of(20.0), false, false), SPEECH_LIKE, out, new PrintStream(new ByteArrayOutputStream()));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Detector (CallProgressDetector, defaults), main cases"), text);
        assertTrue(text.contains("Baseline (energy only"), text);
        assertTrue(text.contains("| all              |  14 |"), text);
        assertTrue(text.contains("Overall (main cases): detector"), text);
        assertEquals(14, result.runs().size());
        long right = result.runs().stream().filter(DialStatusBenchmark.Run::correct).count();
        assertEquals(right / 14.0, result.accuracy(), 1e-9);
        long baselineRight = result.runs().stream().filter(DialStatusBenchmark.Run::baselineCorrect).count();
        assertEquals(baselineRight / 14.0, result.baselineAccuracy(), 1e-9);
        // the tones are real even with fake speech: busy, SIT and fax are the detector's to get right
        for (DialStatusBenchmark.Run run : result.runs()) {
            DialStatus expected = run.call().expected();
            if (expected == DialStatus.BUSY || expected == DialStatus.SIT || expected == DialStatus.FAX) {
                assertEquals(expected, run.detected(), run.call().description());
            }
        }
    }

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = {10, 20, 30, 40};
        assertEquals(20, DialStatusBenchmark.percentile(sorted, 50));
        assertEquals(40, DialStatusBenchmark.percentile(sorted, 95));
        assertEquals(10, DialStatusBenchmark.percentile(sorted, 1));
        assertEquals(0, DialStatusBenchmark.percentile(new long[0], 50));
    }

    @Test
    void theBaselineHearsBusyByItsEnergyAndAGreetingByItsLength() {
        short[] busy = Mixer.toPcm(CallProgressTones.cadenced(TonePlan.northAmerica().tone(ToneKind.BUSY), 4000, 0, -20, 0));
        assertEquals(DialStatus.BUSY, EnergyDialBaseline.classify(busy, 30_000).status());

        float[] hello = CallProgressTones.concat(List.of(CallProgressTones.silence(500), CallProgressTones.beep(300, 450, -20),
                CallProgressTones.silence(4000)));
        EnergyDialBaseline.Outcome person = EnergyDialBaseline.classify(Mixer.toPcm(hello), 30_000);
        assertEquals(DialStatus.ANSWERED_HUMAN, person.status());
        assertEquals(500, person.answeredAtMs(), 40);

        float[] greeting = CallProgressTones.concat(List.of(CallProgressTones.silence(500), CallProgressTones.beep(300, 4000, -20),
                CallProgressTones.silence(3000)));
        EnergyDialBaseline.Outcome machine = EnergyDialBaseline.classify(Mixer.toPcm(greeting), 30_000);
        assertEquals(DialStatus.ANSWERED_MACHINE, machine.status());
        assertTrue(machine.messageAtMs() >= 4500 + 1000, "message after a second of silence: " + machine);

        // Asterisk's initial silence after the rings stop, read as no answer
        short[] rings = Mixer.toPcm(CallProgressTones.concat(List.of(
                CallProgressTones.cadenced(TonePlan.northAmerica().tone(ToneKind.RINGBACK), 8000, 0, -20, 0),
                CallProgressTones.silence(9000))));
        assertEquals(DialStatus.NO_ANSWER, EnergyDialBaseline.classify(rings, 30_000).status());
    }
}
