package io.callsight.training.denoise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.asr.noise.SpeechCorpus;
import io.callsight.tts.SpeechSynthesizer;
import io.callsight.tts.Voice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TtsSpeechTest {
    /** Speaks a 16 kHz tone as long as the text, so renders are recognisable without MaryTTS. */
    private static final class ToneSynthesizer implements SpeechSynthesizer {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public short[] synthesize(String text, Voice voice) {
            calls.incrementAndGet();
            short[] pcm = new short[text.length() * 160];
            for (int i = 0; i < pcm.length; i++) {
                pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * (voice == Voice.AGENT ? 200 : 300) * i / 16000.0));
            }
            return pcm;
        }

        @Override
        public int sampleRate() {
            return 16_000;
        }
    }

    @Test
    void rendersEverySentenceInEveryVoiceOnceAndReusesTheCache(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("sentences.txt"), "# comment\nHello there.\n\nGoodbye now, thanks.\n");
        ToneSynthesizer tts = new ToneSynthesizer();

        List<SpeechCorpus.Utterance> first = TtsSpeech.load(dir, 8000, () -> tts);
        assertEquals(2 * Voice.demoCallVoices().size(), first.size());
        assertEquals(2 * Voice.demoCallVoices().size(), tts.calls.get());
        SpeechCorpus.Utterance hello = first.stream().filter(u -> u.name().equals("customer-00.wav")).findFirst().orElseThrow();
        assertEquals("Hello there.".length() * 80, hello.samples().length, "resampled 16 → 8 kHz");

        List<SpeechCorpus.Utterance> again = TtsSpeech.load(dir, 8000, () -> {
            throw new AssertionError("cached renders must not start the synthesizer");
        });
        assertEquals(first.size(), again.size());
    }

    @Test
    void noSentenceFileMeansNoTtsSpeech(@TempDir Path dir) {
        assertTrue(TtsSpeech.load(dir, 8000, () -> {
            throw new AssertionError("nothing to render");
        }).isEmpty());
    }

    @Test
    void lineCodecsQuantizeButKeepTheSignal() {
        short[] pcm = new short[800];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (5000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
        }
        for (double draw : new double[] {0.1, 0.6, 0.9}) {
            short[] line = MixtureData.overTheLine(pcm, draw);
            double err = 0;
            double energy = 0;
            for (int i = 0; i < pcm.length; i++) {
                err += Math.pow(line[i] - pcm[i], 2);
                energy += Math.pow(pcm[i], 2);
            }
            double snr = 10 * Math.log10(energy / Math.max(err, 1e-9));
            assertTrue(snr > 30, "codec at draw " + draw + " keeps the tone, SNR " + snr);
        }
    }
}
