package io.callsight.training.denoise;

import io.callsight.asr.audio.Resampler;
import io.callsight.asr.audio.WavFile;
import io.callsight.asr.noise.SpeechCorpus;
import io.callsight.events.AudioCodec;
import io.callsight.tts.MaryTtsSynthesizer;
import io.callsight.tts.SpeechSynthesizer;
import io.callsight.tts.Voice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Clean speech in the voices Callsight's own calls are rendered with: every sentence of
 * {@code datasets/tts-speech/sentences.txt} spoken by each MaryTTS {@link Voice}. The recorded corpora alone
 * (one LJSpeech reader, FSDD digits) leave the denoiser unsure of a synthetic voice's spectrum, and it then
 * eats into the very speech the recognizer needs. The renders are cached next to the sentences (gitignored)
 * and redone only when the sentence file changes.
 */
final class TtsSpeech {
    private TtsSpeech() {
    }

    /** The rendered sentences at {@code rate}, named {@code <voice>-<nn>.wav}; empty when there is no sentence file. */
    static List<SpeechCorpus.Utterance> load(Path dir, int rate, Supplier<SpeechSynthesizer> synthesizer) {
        Path sentencesFile = dir.resolve("sentences.txt");
        if (!Files.isRegularFile(sentencesFile)) {
            return List.of();
        }
        try {
            List<String> sentences = Files.readAllLines(sentencesFile, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            Path audio = dir.resolve("audio");
            if (isStale(audio, sentencesFile, sentences.size())) {
                render(sentences, audio, rate, synthesizer.get());
            }
            return SpeechCorpus.load(audio, rate, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare TTS speech under " + dir, e);
        }
    }

    static Supplier<SpeechSynthesizer> maryTts() {
        return MaryTtsSynthesizer::new;
    }

    private static boolean isStale(Path audio, Path sentencesFile, int sentences) throws IOException {
        Path marker = audio.resolve(".complete");
        return !Files.isRegularFile(marker)
                || Files.getLastModifiedTime(marker).compareTo(Files.getLastModifiedTime(sentencesFile)) < 0
                || !Files.readString(marker).strip().equals(Integer.toString(sentences * Voice.demoCallVoices().size()));
    }

    private static void render(List<String> sentences, Path audio, int rate, SpeechSynthesizer tts) throws IOException {
        Files.createDirectories(audio);
        int total = sentences.size() * Voice.demoCallVoices().size();
        int done = 0;
        for (Voice voice : Voice.demoCallVoices()) {
            for (int i = 0; i < sentences.size(); i++) {
                short[] pcm = Resampler.resample(tts.synthesize(sentences.get(i), voice), tts.sampleRate(), rate);
                String name = String.format(Locale.ROOT, "%s-%02d.wav", voice.name().toLowerCase(Locale.ROOT), i);
                WavFile.write(audio.resolve(name), rate, AudioCodec.L16, pcm);
                done++;
                if (done % 20 == 0 || done == total) {
                    System.out.printf(Locale.ROOT, "  rendered %d/%d TTS sentences%n", done, total);
                }
            }
        }
        Files.writeString(audio.resolve(".complete"), Integer.toString(total));
    }
}
