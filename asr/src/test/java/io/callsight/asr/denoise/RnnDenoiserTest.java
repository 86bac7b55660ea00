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

class RnnDenoiserTest {
    private static final int RATE = 8000;

    private static RnnDenoiser trained() throws Exception {
        var dir = RnnDenoiser.defaultModelDir();
        Assumptions.assumeTrue(dir.isPresent(), "no trained denoiser under models/denoiser (run TrainDenoiser): skipped");
        return RnnDenoiser.load(dir.get());
    }

    @ParameterizedTest(name = "{0} at {1} dB")
    // minGain: required improvement over the noisy input; babble and music-like tones are speech-like, where
    // a 28k-parameter model only breaks even (measured), so for them the test only guards against damage.
    @CsvSource({"WHITE, 5, 2", "PINK, 10, 2", "HUM, 5, 2", "BROWN, 0, 2", "CLICKS, 5, 2", "BABBLE, 5, -1.5", "TONES, 10, -1.5"})
    void improvesHeldOutSpeechAtLeastAsMuchAsWiener(NoiseType type, double snr, double minGain) throws Exception {
        Assumptions.assumeTrue(DenoiseTesting.hasDataset("fsdd") && DenoiseTesting.hasDataset("ljspeech-sample"),
                "shared datasets ljspeech-sample/fsdd not found under " + DenoiseTesting.datasets() + ": skipped");
        RnnDenoiser rnn = trained();
        List<float[]> speech = DenoiseTesting.heldOutSpeech(RATE, 6);
        double none = 0, wiener = 0, net = 0;
        int i = 0;
        for (float[] clean : speech) {
            float[] noise = NoiseGenerator.generate(type, clean.length, RATE, 5_000 + i++, speech);
            float[] noisy = Mixer.mix(clean, noise, snr).noisy();
            none += Mixer.outputSnrDb(clean, noisy);
            wiener += DenoiseTesting.outputSnr(new SpectralSubtraction(RATE), clean, noisy);
            net += DenoiseTesting.outputSnr(rnn, clean, noisy);
        }
        int n = speech.size();
        System.out.printf("held-out %s %.0f dB: none %.2f  wiener %.2f  rnn %.2f%n", type, snr, none / n, wiener / n, net / n);
        assertTrue(net / n > none / n + minGain, "rnn should improve SNR by >= " + minGain + " dB: " + none / n + " -> " + net / n);
        assertTrue(net / n > wiener / n - 1.0, "rnn should not be worse than wiener: " + wiener / n + " vs " + net / n);
    }

    @Test
    void streamingEqualsWholeFileAndEdgeCases() throws Exception {
        RnnDenoiser rnn = new RnnDenoiser(new GruModel(RnnTesting.randomModel(3)), "random");
        float[] clean = SyntheticSpeech.generate(RATE * 3 + 7, RATE, 8000, 3);
        short[] noisy = Mixer.toPcm(Mixer.mix(clean, NoiseGenerator.white(clean.length, 3), 5).noisy());
        short[] whole = rnn.processAll(noisy);
        for (int seed = 0; seed < 4; seed++) {
            assertArrayEquals(whole, DenoiseTesting.processInChunks(rnn, noisy, new Random(seed)));
        }
        // a random network may mute anything; the edge cases that do not depend on the weights:
        for (int len : new int[] {0, 1, 79, 161}) {
            assertTrue(rnn.processAll(new short[len]).length == len);
        }
    }

    @Test
    void theJarCarriesTheShippedModel() throws Exception {
        GruModel bundled = RnnDenoiser.readBundledWeights();
        var dir = RnnDenoiser.defaultModelDir();
        Assumptions.assumeTrue(dir.isPresent(), "no models/denoiser to compare with");
        GruModel onDisk = GruModel.read(dir.get().resolve("weights.bin"));
        org.junit.jupiter.api.Assertions.assertEquals(onDisk.parameterCount(), bundled.parameterCount());
        // Same weights: the same noisy input comes out identical.
        float[] noisy = Mixer.mix(SyntheticSpeech.generate(RATE, RATE, 8000, 1),
                NoiseGenerator.generate(NoiseType.WHITE, RATE, RATE, 2, List.of()), 5).noisy();
        short[] pcm = Mixer.toPcm(noisy);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new RnnDenoiser(onDisk, "disk").processAll(pcm),
                new RnnDenoiser(bundled, "jar").processAll(pcm));
    }

    @Test
    void trainedModelSurvivesEdgeCases() throws Exception {
        EdgeCases.check(trained());
    }
}
