package io.callsight.tts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.asr.audio.WavAudio;
import io.callsight.asr.audio.WavFile;
import io.callsight.events.AudioCodec;
import io.callsight.events.CallEvent.Direction;
import io.callsight.events.Track;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCallRendererTest {
    private static final int RATE = DemoCallRenderer.TELEPHONY_RATE;
    private static final int SAMPLES_PER_MS = RATE / 1000;

    @TempDir
    Path dir;

    /** Lines of 3, 1, 5, 1 and 1 words: 300, 100, 500, 100, 100 ms of tone. */
    private static DemoCallScript scriptWithOvertalk() {
        return script(List.of(
                new ScriptLine(Track.AGENT, "thanks for calling", 500, 0),
                new ScriptLine(Track.CUSTOMER, "hi", 700, 0),
                new ScriptLine(Track.AGENT, "let me check that please", 300, 0),
                new ScriptLine(Track.CUSTOMER, "okay", 0, 200),
                new ScriptLine(Track.AGENT, "done", 400, 0)));
    }

    private static DemoCallScript script(List<ScriptLine> lines) {
        return new DemoCallScript("test-call", "demo-test", "acme-bank", "banking", Direction.INBOUND, "agent-1",
                Instant.parse("2025-03-03T09:00:00Z"), lines);
    }

    @Test
    void pausesAndOverlapsGiveTheExpectedTimings() {
        RenderedCall call = new DemoCallRenderer(new ToneSynthesizer(RATE)).render(scriptWithOvertalk());
        assertEquals(List.of(
                new LineTiming(Track.AGENT, "thanks for calling", 500, 800),
                new LineTiming(Track.CUSTOMER, "hi", 1500, 1600),
                new LineTiming(Track.AGENT, "let me check that please", 1900, 2400),
                // starts 200 ms before the agent line ends and is over before it
                new LineTiming(Track.CUSTOMER, "okay", 2200, 2300),
                // the pause counts from the end of the longer agent line, not from "okay"
                new LineTiming(Track.AGENT, "done", 2800, 2900)), call.lines());
        assertEquals(2900 + DemoCallRenderer.TRAILING_SILENCE_MS, call.durationMs());
        assertEquals(3400 * SAMPLES_PER_MS, call.customer().length);
    }

    @Test
    void eachSpeakerIsOnItsOwnChannelAndOnlyWhileSpeaking() {
        RenderedCall call = new DemoCallRenderer(new ToneSynthesizer(RATE)).render(scriptWithOvertalk());
        for (Track track : List.of(Track.CUSTOMER, Track.AGENT)) {
            short[] audio = call.track(track);
            for (int ms = 0; ms < call.durationMs(); ms += 10) {
                boolean speaking = speaks(call.lines(), track, ms);
                double level = rms(audio, ms * SAMPLES_PER_MS, 10 * SAMPLES_PER_MS);
                assertEquals(speaking, level > 1000, track + " at " + ms + " ms: rms " + level);
            }
        }
        assertEquals(ToneSynthesizer.frequency(Voice.CUSTOMER), dominantFrequency(call.customer(), 1500, 1600), 20);
        assertEquals(ToneSynthesizer.frequency(Voice.AGENT), dominantFrequency(call.agent(), 1900, 2400), 20);
    }

    @Test
    void anOverlapLongerThanThePreviousLineKeepsScriptOrder() {
        RenderedCall call = new DemoCallRenderer(new ToneSynthesizer(RATE)).render(script(List.of(
                new ScriptLine(Track.AGENT, "one two", 1000, 0),
                new ScriptLine(Track.CUSTOMER, "okay", 0, 5000))));
        assertEquals(1000, call.lines().get(1).startMs());
    }

    @Test
    void synthesizerOutputIsResampledToEightKilohertz() {
        RenderedCall call = new DemoCallRenderer(new ToneSynthesizer(48_000)).render(script(List.of(
                new ScriptLine(Track.CUSTOMER, "hello there", 500, 0))));
        LineTiming line = call.lines().get(0);
        assertEquals(500, line.startMs());
        assertEquals(200, line.endMs() - line.startMs(), 2);
        assertEquals(300, dominantFrequency(call.customer(), 550, 650), 20);
    }

    @Test
    void writesStereoMuLawWavWithCustomerLeftAndASidecar() throws Exception {
        DemoCallScript script = scriptWithOvertalk();
        RenderedCall call = new DemoCallRenderer(new ToneSynthesizer(RATE)).renderTo(script, dir);

        byte[] bytes = Files.readAllBytes(dir.resolve("test-call.wav"));
        assertEquals(7, (bytes[20] & 0xFF) | (bytes[21] & 0xFF) << 8, "WAV format tag: 7 is μ-law");
        WavAudio wav = WavFile.read(dir.resolve("test-call.wav"));
        assertEquals(AudioCodec.PCMU, wav.codec());
        assertEquals(2, wav.channels());
        assertEquals(RATE, wav.sampleRate());
        assertEquals(call.durationMs(), wav.durationMs());
        // μ-law keeps the tracks apart: the customer's tone is on the left, the agent's on the right.
        assertTrue(rms(wav.pcm(0), 1500 * SAMPLES_PER_MS, 800) > 4000);
        assertTrue(rms(wav.pcm(1), 1500 * SAMPLES_PER_MS, 800) < 10);

        CallReference reference = CallReference.read(dir.resolve("test-call.json"));
        assertEquals(new CallReference("demo-test", "acme-bank", "banking", "agent-1", Direction.INBOUND,
                "2025-03-03T09:00:00Z", "test-call.wav", AudioCodec.PCMU, RATE, "CUSTOMER", "AGENT", 3400,
                call.lines()), reference);
    }

    @Test
    void pcm16OutputKeepsSamplesExact() throws Exception {
        RenderedCall call = new DemoCallRenderer(new ToneSynthesizer(RATE), AudioCodec.L16)
                .renderTo(scriptWithOvertalk(), dir);
        WavAudio wav = WavFile.read(dir.resolve("test-call.wav"));
        assertEquals(AudioCodec.L16, wav.codec());
        assertArrayEquals(call.customer(), wav.pcm(0));
        assertArrayEquals(call.agent(), wav.pcm(1));
    }

    @Test
    void renderingTwiceGivesIdenticalFiles() throws Exception {
        DemoCallRenderer renderer = new DemoCallRenderer(new ToneSynthesizer(16_000));
        Path first = Files.createDirectory(dir.resolve("first"));
        Path second = Files.createDirectory(dir.resolve("second"));
        renderer.renderTo(scriptWithOvertalk(), first);
        renderer.renderTo(scriptWithOvertalk(), second);
        for (String name : List.of("test-call.wav", "test-call.json")) {
            assertArrayEquals(Files.readAllBytes(first.resolve(name)), Files.readAllBytes(second.resolve(name)), name);
        }
    }

    private static boolean speaks(List<LineTiming> lines, Track track, int fromMs) {
        // A 10 ms window counts as speech if it lies inside one of the track's lines.
        return lines.stream().anyMatch(l -> l.speaker() == track && fromMs >= l.startMs() && fromMs + 10 <= l.endMs());
    }

    static double rms(short[] audio, int start, int length) {
        double sum = 0;
        for (int i = start; i < start + length; i++) {
            sum += (double) audio[i] * audio[i];
        }
        return Math.sqrt(sum / length);
    }

    /** Frequency from zero crossings: good enough for a clean tone. */
    private static double dominantFrequency(short[] audio, int fromMs, int toMs) {
        int crossings = 0;
        for (int i = fromMs * SAMPLES_PER_MS + 1; i < toMs * SAMPLES_PER_MS; i++) {
            if ((audio[i - 1] < 0) != (audio[i] < 0)) {
                crossings++;
            }
        }
        return crossings / 2.0 / ((toMs - fromMs) / 1000.0);
    }
}
