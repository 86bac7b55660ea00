package io.callsight.asr.recognition;

import io.callsight.asr.eval.WordErrorRate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.asr.audio.G711;
import io.callsight.asr.audio.Resampler;
import io.callsight.asr.audio.WavAudio;
import io.callsight.asr.audio.WavFile;
import io.callsight.events.AudioCodec;
import io.callsight.events.AudioFrame;
import io.callsight.events.Track;
import io.callsight.events.Utterance;
import io.callsight.events.Word;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real Vosk model on real read speech (LJ Speech sample), delivered as a phone would: 8 kHz μ-law in
 * 100 ms frames through {@link TrackTranscriber}. Skipped, with a message, if the shared dataset is absent;
 * the model itself is required (the build unpacks it).
 */
class VoskTranscriptionTest {
    private static final Path DATASET = io.callsight.asr.noise.SpeechCorpus.datasetsDir().resolve("ljspeech-sample");
    private static final int PHONE_RATE = 8000;
    private static final int FILES = 5;
    private static final double MAX_WER = 0.35;

    private static VoskRecognizer recognizer;
    private static Map<String, String> references;

    private static boolean datasetPresent() {
        return Files.isRegularFile(DATASET.resolve("metadata.csv")) && Files.isDirectory(DATASET.resolve("wavs"));
    }

    /** Per test rather than in @BeforeAll, so each skipped test is reported with the reason. */
    @BeforeEach
    void requireDataset() {
        Assumptions.assumeTrue(datasetPresent(), "LJ Speech sample not found at " + DATASET
                + " (expected metadata.csv and wavs/); set -Dcallsight.ljspeech=DIR to run the Vosk WER test");
        Assumptions.assumeTrue(references.size() >= FILES,
                "only " + references.size() + " LJ Speech files with transcripts in " + DATASET);
    }

    @BeforeAll
    static void loadModelAndReferences() throws IOException {
        references = new LinkedHashMap<>();
        if (!datasetPresent()) {
            return;
        }
        for (String line : Files.readAllLines(DATASET.resolve("metadata.csv"), StandardCharsets.UTF_8)) {
            String[] parts = line.split("\\|", -1);
            if (parts.length >= 3 && Files.isRegularFile(wav(parts[0]))) {
                references.put(parts[0], parts[2]); // the normalized transcript: numbers spelled out
            }
        }
        if (references.size() >= FILES) {
            recognizer = VoskRecognizer.withDefaultModel();
        }
    }

    @AfterAll
    static void closeModel() {
        if (recognizer != null) {
            recognizer.close();
        }
    }

    private static Path wav(String id) {
        return DATASET.resolve("wavs").resolve(id + ".wav");
    }

    /** The file as a phone would send it: 8 kHz μ-law. */
    private static byte[] phoneAudio(String id) throws Exception {
        WavAudio audio = WavFile.read(wav(id));
        assertEquals(AudioCodec.L16, audio.codec(), id);
        assertEquals(1, audio.channels(), id);
        assertEquals(22050, audio.sampleRate(), id);
        short[] pcm8k = Resampler.resample(audio.pcm(0), audio.sampleRate(), PHONE_RATE);
        return G711.ulawEncode(pcm8k);
    }

    private static List<AudioFrame> frames(String callId, byte[] ulaw, int frameMs) {
        int frameBytes = PHONE_RATE * frameMs / 1000;
        List<AudioFrame> out = new ArrayList<>();
        for (int offset = 0, seq = 0; offset < ulaw.length; offset += frameBytes, seq++) {
            byte[] payload = Arrays.copyOfRange(ulaw, offset, Math.min(ulaw.length, offset + frameBytes));
            out.add(new AudioFrame("test", callId, Track.CUSTOMER, seq, (long) seq * frameMs, AudioCodec.PCMU,
                    PHONE_RATE, payload, offset + frameBytes >= ulaw.length));
        }
        return out;
    }

    private static List<Utterance> transcribe(String callId, List<AudioFrame> frames) {
        List<Utterance> out = new ArrayList<>();
        try (TrackTranscriber transcriber = new TrackTranscriber(recognizer, "test", callId, Track.CUSTOMER)) {
            assertEquals(1, VoskRecognizer.openStreams(), "one stream per transcriber");
            for (AudioFrame frame : frames) {
                out.addAll(transcriber.accept(frame));
            }
            assertEquals(out.size(), transcriber.utteranceCount());
        }
        assertEquals(0, VoskRecognizer.openStreams(), "stream leaked after close");
        return out;
    }

    private static String text(List<Utterance> utterances) {
        return utterances.stream().map(Utterance::text).collect(Collectors.joining(" "));
    }

    @Test
    void werOnPhoneQualityAudioIsAtMost35Percent() throws Exception {
        assertEquals(0, VoskRecognizer.openStreams());
        int errors = 0;
        int words = 0;
        List<String> ids = references.keySet().stream().limit(FILES).toList();
        for (String id : ids) {
            byte[] ulaw = phoneAudio(id);
            long durationMs = ulaw.length * 1000L / PHONE_RATE;
            List<Utterance> utterances = transcribe(id, frames(id, ulaw, 100));
            String hypothesis = text(utterances);
            List<String> ref = WordErrorRate.normalize(references.get(id));
            int e = WordErrorRate.score(references.get(id), hypothesis).errors();
            errors += e;
            words += ref.size();
            System.out.printf("WER %s: %5.1f%% (%d/%d)  hyp: %s%n", id, 100.0 * e / ref.size(), e, ref.size(),
                    hypothesis);
            assertFalse(utterances.isEmpty(), id + ": nothing recognized");
            assertTimingsAreSane(id, utterances, durationMs);
        }
        double wer = (double) errors / words;
        System.out.printf("WER over %d LJ Speech files at 8 kHz μ-law, 100 ms frames: %.1f%% (%d errors / %d words)%n",
                ids.size(), 100 * wer, errors, words);
        assertTrue(wer <= MAX_WER, "WER " + wer + " above " + MAX_WER);
    }

    private static void assertTimingsAreSane(String id, List<Utterance> utterances, long durationMs) {
        // The recognizer hears a few ms more than the file: the resampler's flushed filter tail.
        long tolerance = 20;
        long previousEnd = 0;
        long previousUtteranceStart = -1;
        for (int i = 0; i < utterances.size(); i++) {
            Utterance u = utterances.get(i);
            assertEquals(i, u.idx(), id);
            assertTrue(u.isFinal(), id);
            assertTrue(u.startMs() <= u.endMs(), id + ": " + u);
            assertTrue(u.startMs() > previousUtteranceStart, id + ": utterances out of order at " + u);
            previousUtteranceStart = u.startMs();
            assertFalse(u.words().isEmpty(), id + ": utterance without words " + u);
            assertEquals(u.startMs(), u.words().get(0).startMs(), id);
            assertEquals(u.endMs(), u.words().get(u.words().size() - 1).endMs(), id);
            assertTrue(u.confidence() > 0 && u.confidence() <= 1, id + ": confidence " + u.confidence());
            for (Word w : u.words()) {
                assertTrue(w.startMs() >= 0 && w.startMs() < w.endMs(), id + ": " + w);
                assertTrue(w.startMs() >= previousEnd, id + ": " + w + " starts before the previous word ended ("
                        + previousEnd + ")");
                assertTrue(w.endMs() <= durationMs + tolerance, id + ": " + w + " ends after the audio (" + durationMs
                        + " ms)");
                previousEnd = w.endMs();
            }
        }
    }

    @Test
    void frameSizeDoesNotChangeTheTranscript() throws Exception {
        String id = references.keySet().stream().skip(3).findFirst().orElseThrow();
        byte[] ulaw = phoneAudio(id);
        List<Utterance> small = transcribe(id + "-20", frames(id, ulaw, 20));
        List<Utterance> large = transcribe(id + "-100", frames(id, ulaw, 100));
        System.out.printf("20 ms frames: %s%n100 ms frames: %s%n", text(small), text(large));
        assertFalse(text(large).isBlank());
        assertEquals(text(large), text(small));
    }

    @Test
    void partialsRunAheadOfEachFinalUnderItsIdAndTheFirstWordShowsWithinHalfASecondOfAudio() throws Exception {
        String id = references.keySet().iterator().next();
        List<Utterance> out = new ArrayList<>();
        try (TrackTranscriber t = new TrackTranscriber(recognizer, "test", id, Track.CUSTOMER, FrontEndConfig.defaults(),
                0, new PartialThrottle(200))) {
            for (AudioFrame frame : frames(id, phoneAudio(id), 20)) {
                out.addAll(t.accept(frame));
                t.partial(frame.startMs() + 20).ifPresent(out::add); // a clock that runs with the audio
            }
        }
        List<Utterance> finals = out.stream().filter(Utterance::isFinal).toList();
        List<Utterance> partials = out.stream().filter(u -> !u.isFinal()).toList();
        System.out.printf("%d partials, %d finals; first partial at %d ms: '%s'; first word %s%n", partials.size(),
                finals.size(), partials.get(0).endMs(), partials.get(0).text(), finals.get(0).words().get(0));
        assertFalse(finals.isEmpty());
        assertTrue(partials.size() >= finals.size(), out.toString());
        int nextFinal = 0;
        for (Utterance u : out) {
            assertEquals(nextFinal, u.idx(), "partials carry the id of the final that follows them: " + u);
            if (u.isFinal()) {
                nextFinal++;
            } else {
                assertTrue(u.startMs() <= u.endMs() && u.words().isEmpty(), u.toString());
            }
        }
        Word firstWord = finals.get(0).words().get(0);
        long seenAfter = partials.get(0).endMs() - firstWord.endMs();
        assertTrue(seenAfter <= 500, "the first word showed " + seenAfter + " ms of audio after it ended");
        assertTrue(Math.abs(partials.get(0).startMs() - firstWord.startMs()) <= 300,
                "partial start " + partials.get(0).startMs() + " vs first word " + firstWord);
    }

    @Test
    void recognizerRefusesStreamsOnceClosedAndSharesTheModel() {
        VoskRecognizer second = VoskRecognizer.withDefaultModel(); // shares the already-loaded model
        second.close();
        second.close(); // idempotent: must not release the shared model twice
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, second::openStream);
        // The class-wide recognizer still works on the shared model.
        try (SpeechRecognizer.Stream stream = recognizer.openStream()) {
            assertEquals(1, VoskRecognizer.openStreams());
            assertEquals(List.of(), stream.accept(new short[0]));
            assertEquals(List.of(), stream.accept(new short[16000]));
            assertEquals(List.of(), stream.finish(), "silence yields no words");
        }
        assertEquals(0, VoskRecognizer.openStreams());
    }
}
