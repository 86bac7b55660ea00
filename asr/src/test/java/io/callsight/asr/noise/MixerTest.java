package io.callsight.asr.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MixerTest {
    private static final int RATE = 8000;

    @ParameterizedTest
    @ValueSource(doubles = {-5, 0, 5, 10, 20, 35})
    void snrIsExactOnSpeechActiveFrames(double snr) {
        float[] clean = SyntheticSpeech.generate(RATE * 4, RATE, 10000, 5);
        for (NoiseType type : NoiseType.values()) {
            float[] noise = NoiseGenerator.generate(type, RATE * 3, RATE, 9, List.of(clean));
            Mixer.Mixture m = Mixer.mix(clean, noise, snr);
            assertEquals(snr, Mixer.snrDb(clean, m.noise()), 1e-6, type.toString());
            for (int i = 0; i < clean.length; i++) {
                assertEquals(clean[i] + m.noise()[i], m.noisy()[i], 1e-2);
            }
        }
    }

    @Test
    void pausesDoNotDiluteSpeechPower() {
        float[] clean = new float[RATE * 2];
        for (int i = 0; i < RATE / 2; i++) { // 0.5 s tone, then 1.5 s silence
            clean[i] = (float) (1000 * Math.sin(2 * Math.PI * 440 * i / RATE));
        }
        Mixer.Mixture m = Mixer.mix(clean, NoiseGenerator.white(clean.length, 1), 10);
        // noise RMS follows the tone's RMS (707), not the whole-file RMS (354)
        double e = 0;
        for (float v : m.noise()) {
            e += v * v;
        }
        assertEquals(707.1 / Math.sqrt(10), Math.sqrt(e / clean.length), 707.1 / Math.sqrt(10) * 0.05);
    }

    @Test
    void silentCleanAndEdgeCases() {
        float[] zeros = new float[100];
        Mixer.Mixture m = Mixer.mix(zeros, NoiseGenerator.white(37, 1), 10);
        assertEquals(100, m.noisy().length);
        assertEquals(0, Mixer.mix(new float[0], new float[0], 5).noisy().length);
        assertThrows(IllegalArgumentException.class, () -> Mixer.mix(new float[5], new float[0], 5));
        assertArrayEquals(new short[] {32767, -32768, 3}, Mixer.toPcm(new float[] {1e6f, -1e6f, 3.2f}));
    }
}
