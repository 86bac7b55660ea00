package io.callsight.asr.vad;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.asr.audio.Resampler;
import io.callsight.asr.audio.WavAudio;
import io.callsight.asr.audio.WavFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Real recordings (FSDD spoken digits at 8 kHz, LJSpeech resampled) between silences, clean and in noise. */
class VadRealSpeechTest {
    private static final Path FSDD = io.callsight.asr.noise.SpeechCorpus.datasetsDir().resolve("fsdd/recordings");
    private static final Path LJ = io.callsight.asr.noise.SpeechCorpus.datasetsDir().resolve("ljspeech-sample/wavs");

    private static List<double[]> load(Path dir, int count, int rate) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(dir), "dataset not found at " + dir + ": real-speech test skipped");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
        }
        List<double[]> out = new ArrayList<>();
        int step = Math.max(1, files.size() / count);
        for (int i = 0; i < files.size() && out.size() < count; i += step) {
            WavAudio wav = WavFile.read(files.get(i));
            short[] pcm = Resampler.resample(wav.pcm(0), wav.sampleRate(), rate);
            // FSDD speakers were recorded at levels 20 dB apart; level each clip so one scene-wide SNR means the
            // same for every utterance (a quiet speaker would otherwise sit far below the nominal SNR).
            double[] clip = VadSignals.toDouble(pcm);
            double peak = 1;
            for (double v : clip) {
                peak = Math.max(peak, Math.abs(v));
            }
            for (int k = 0; k < clip.length; k++) {
                clip[k] *= 12000 / peak;
            }
            out.add(clip);
        }
        return out;
    }

    private static void evaluate(String name, VadScene scene, boolean assertCoverage) {
        int n = scene.clean.length;
        double[][] noises = {VadSignals.white(n, 1), VadSignals.pink(n, 2)};
        String[] noiseNames = {"white", "pink"};
        VadScene.Score clean = scene.score(scene.withNoise(null, Double.POSITIVE_INFINITY), VadConfig.defaults());
        System.out.printf("%s clean          %s%n", name, clean);
        if (assertCoverage) {
            assertTrue(clean.coverage() >= 0.95, name + " clean: " + clean);
        }
        for (int k = 0; k < noises.length; k++) {
            for (double snr : new double[] {20, 10, 0}) {
                VadScene.Score s = scene.score(scene.withNoise(noises[k], snr), VadConfig.defaults());
                System.out.printf("%s %-5s %3.0f dB   %s%n", name, noiseNames[k], snr, s);
                if (assertCoverage && snr >= 10) {
                    assertTrue(s.coverage() >= 0.95, name + " " + noiseNames[k] + " " + snr + " dB: " + s);
                }
            }
        }
    }

    @Test
    void spokenDigitsAt8kHz() throws Exception {
        VadScene scene = VadScene.of(8000, load(FSDD, 40, 8000), 1500);
        evaluate("fsdd 8k", scene, true);
    }

    @Test
    void ljSpeechAt16kAnd8kHz() throws Exception {
        evaluate("lj 16k", VadScene.of(16000, load(LJ, 8, 16000), 2000), true);
        evaluate("lj 8k ", VadScene.of(8000, load(LJ, 8, 8000), 2000), true);
    }
}
