package io.callsight.asr.denoise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.asr.noise.Mixer;
import io.callsight.asr.noise.NoiseGenerator;
import io.callsight.asr.noise.NoiseType;
import io.callsight.asr.noise.SyntheticSpeech;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpectralSubtractionTest {
    private static final int RATE = 8000;

    @ParameterizedTest(name = "{0} noise at {1} dB")
    @CsvSource({"WHITE, 5, 3", "WHITE, 10, 1.5", "PINK, 5, 3", "PINK, 10, 2"})
    void improvesSnrOnSyntheticSpeech(NoiseType type, double snr, double minGain) {
        float[] clean = SyntheticSpeech.generate(RATE * 6, RATE, 8000, 11);
        float[] noise = NoiseGenerator.generate(type, clean.length, RATE, 5, List.of());
        float[] noisy = Mixer.mix(clean, noise, snr).noisy();
        double before = Mixer.outputSnrDb(clean, noisy);
        double after = DenoiseTesting.outputSnr(new SpectralSubtraction(RATE), clean, noisy);
        System.out.printf("wiener synthetic %s %.0f dB: %.2f -> %.2f dB (+%.2f)%n", type, snr, before, after, after - before);
        assertTrue(after > before + minGain, "expected >= " + minGain + " dB improvement, got " + before + " -> " + after);
    }

    @ParameterizedTest(name = "{0} noise at {1} dB")
    @CsvSource({"WHITE, 5, 2", "PINK, 10, 0.4", "BROWN, 5, 2"})
    void improvesSnrOnRealSpeech(NoiseType type, double snr, double minGain) {
        Assumptions.assumeTrue(DenoiseTesting.hasDataset("fsdd") && DenoiseTesting.hasDataset("ljspeech-sample"),
                "shared datasets ljspeech-sample/fsdd not found under " + DenoiseTesting.datasets()
                        + " (set -Dcallsight.datasets=DIR): real-speech check skipped");
        List<float[]> speech = DenoiseTesting.heldOutSpeech(RATE, 6);
        double sumBefore = 0, sumAfter = 0;
        int i = 0;
        for (float[] clean : speech) {
            float[] noise = NoiseGenerator.generate(type, clean.length, RATE, 100 + i++, List.of());
            float[] noisy = Mixer.mix(clean, noise, snr).noisy();
            sumBefore += Mixer.outputSnrDb(clean, noisy);
            sumAfter += DenoiseTesting.outputSnr(new SpectralSubtraction(RATE), clean, noisy);
        }
        double before = sumBefore / speech.size(), after = sumAfter / speech.size();
        System.out.printf("wiener real %s %.0f dB: %.2f -> %.2f dB (+%.2f)%n", type, snr, before, after, after - before);
        assertTrue(after > before + minGain, "expected >= " + minGain + " dB improvement, got " + before + " -> " + after);
    }

    @Test
    void streamingEqualsWholeFile() {
        float[] clean = SyntheticSpeech.generate(RATE * 3 + 13, RATE, 8000, 3);
        short[] noisy = Mixer.toPcm(Mixer.mix(clean, NoiseGenerator.pink(clean.length, 3), 5).noisy());
        SpectralSubtraction s = new SpectralSubtraction(RATE);
        short[] whole = s.processAll(noisy);
        for (int seed = 0; seed < 5; seed++) {
            assertArrayEquals(whole, DenoiseTesting.processInChunks(s, noisy, new Random(seed)));
        }
    }

    @Test
    void survivesEdgeCases() {
        EdgeCases.check(new SpectralSubtraction(RATE));
        EdgeCases.check(new SpectralSubtraction(16000));
        EdgeCases.check(new PassThrough(RATE));
    }
}
