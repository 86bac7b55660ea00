package io.callsight.asr.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.asr.audio.WavAudio;
import io.callsight.asr.audio.WavFile;
import io.callsight.asr.eval.WordErrorRate;
import io.callsight.asr.recognition.VoskRecognizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real recognizer and voice detector on real speech, fed 20 ms μ-law frames as a bot's media stream brings them. */
class CallerTurnsTest {
    private static final Path LJ = io.callsight.asr.noise.SpeechCorpus.datasetsDir().resolve("ljspeech-sample");
    private static final List<String> CLIPS = List.of("LJ001-0002", "LJ001-0004", "LJ001-0006", "LJ001-0008");
    private static VoskRecognizer recognizer;

    @BeforeAll
    static void load() {
        recognizer = VoskRecognizer.withDefaultModel();
    }

    @AfterAll
    static void release() {
        recognizer.close();
    }

    /** A clip's speech on the caller track: where its last loud sample lies (the clip's own tail is quiet). */
    record Line(long startMs, long speechEndMs, String text) {}

    private static List<TurnEvent> feed(byte[] ulaw, CallerTurns turns) {
        List<TurnEvent> events = new ArrayList<>();
        for (int at = 0; at + 160 <= ulaw.length; at += 160) {
            events.addAll(turns.accept(Arrays.copyOfRange(ulaw, at, at + 160), at / 8));
        }
        return events;
    }

    /**
     * Real read speech (LJ Speech) as a caller would say it to a bot: four sentences, 1.5 s of line silence between
     * them, 8 kHz μ-law in 20 ms frames. Every sentence must end a turn where its speech ends, and the turns together
     * must say what was read.
     */
    @Test
    void endsATurnWhereEachSentenceEndsAndHearsItsWords() throws Exception {
        Map<String, String> texts = new java.util.HashMap<>();
        for (String line : Files.readAllLines(LJ.resolve("metadata.csv"))) {
            String[] parts = line.split("\\|", -1);
            texts.put(parts[0], parts[2]);
        }
        java.io.ByteArrayOutputStream track = new java.io.ByteArrayOutputStream();
        List<Line> lines = new ArrayList<>();
        track.write(silence(1000));
        for (String clip : CLIPS) {
            WavAudio audio = WavFile.read(LJ.resolve("wavs").resolve(clip + ".wav"));
            short[] pcm = io.callsight.asr.audio.Resampler.resample(audio.pcm(0), audio.sampleRate(), 8000);
            int last = pcm.length - 1;
            while (last > 0 && Math.abs(pcm[last]) < 500) {
                last--;
            }
            long start = track.size() / 8;
            lines.add(new Line(start, start + last / 8, texts.get(clip)));
            track.write(io.callsight.asr.audio.G711.ulawEncode(pcm));
            track.write(silence(1500));
        }
        List<TurnEvent> events;
        try (CallerTurns turns = new CallerTurns(recognizer, "acme-bank", "c-1", CallerTurns.Config.defaults())) {
            events = feed(track.toByteArray(), turns);
        }
        List<TurnEvent.TurnEnded> ended = events.stream().filter(e -> e instanceof TurnEvent.TurnEnded)
                .map(e -> (TurnEvent.TurnEnded) e).toList();
        for (Line line : lines) {
            boolean found = ended.stream().anyMatch(t -> t.speechEndedMs() >= line.speechEndMs() - 250
                    && t.speechEndedMs() <= line.speechEndMs() + 150
                    && t.atMs() - t.speechEndedMs() >= 400 && t.atMs() - t.speechEndedMs() < 450);
            assertTrue(found, "no turn ended near the sentence ending at " + line.speechEndMs() + " ms: " + ended);
        }
        assertTrue(ended.size() <= 2 * lines.size(), "a pause inside a sentence may end a turn, not every word: " + ended);
        String said = String.join(" ", ended.stream().map(TurnEvent.TurnEnded::text).toList());
        String script = String.join(" ", lines.stream().map(Line::text).toList());
        double wer = WordErrorRate.of(script, said);
        assertTrue(wer < 0.35, "WER " + wer + ": " + said);
        long firstPartial = events.stream().filter(e -> e instanceof TurnEvent.Partial).mapToLong(TurnEvent::atMs).min().orElseThrow();
        assertTrue(firstPartial < ended.get(0).atMs(), "partials come before their turn ends");
        assertTrue(events.stream().anyMatch(e -> e instanceof TurnEvent.SpeechStarted st
                && Math.abs(st.atMs() - lines.get(0).startMs()) < 300), "speech start of the first sentence: " + events);
    }

    private static byte[] silence(int ms) {
        byte[] s = new byte[ms * 8];
        Arrays.fill(s, (byte) 0xFF);
        return s;
    }

    @Test
    void silenceAndCommonNoiseEndNoTurn() {
        byte[] silence = new byte[8000 * 5];
        Arrays.fill(silence, (byte) 0xFF);
        java.util.Random random = new java.util.Random(7);
        byte[] hiss = new byte[8000 * 5];
        for (int i = 0; i < hiss.length; i++) {
            hiss[i] = io.callsight.asr.audio.G711.ulawEncode((short) (random.nextGaussian() * 60));
        }
        try (CallerTurns turns = new CallerTurns(recognizer, "t", "c", CallerTurns.Config.defaults())) {
            List<TurnEvent> events = new ArrayList<>(feed(silence, turns));
            events.addAll(feed(hiss, turns));
            assertEquals(List.of(), events.stream().filter(e -> e instanceof TurnEvent.TurnEnded).toList());
        }
    }
}
