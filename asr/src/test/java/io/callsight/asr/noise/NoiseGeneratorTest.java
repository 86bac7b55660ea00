package io.callsight.asr.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NoiseGeneratorTest {
    private static final int RATE = 8000;
    private static final List<float[]> SPEECH = List.of(
            SyntheticSpeech.generate(RATE * 2, RATE, 8000, 1), SyntheticSpeech.generate(RATE * 3, RATE, 8000, 2));

    @ParameterizedTest
    @EnumSource(NoiseType.class)
    void deterministicFiniteAndUnitRms(NoiseType type) {
        float[] a = NoiseGenerator.generate(type, RATE * 3, RATE, 42, SPEECH);
        float[] b = NoiseGenerator.generate(type, RATE * 3, RATE, 42, SPEECH);
        float[] c = NoiseGenerator.generate(type, RATE * 3, RATE, 43, SPEECH);
        assertArrayEquals(a, b, type + " differs between two runs with the same seed");
        assertFalse(Arrays.equals(a, c), type + " ignores the seed");
        double e = 0;
        for (float v : a) {
            assertTrue(Float.isFinite(v));
            e += v * v;
        }
        assertEquals(1.0, Math.sqrt(e / a.length), 1e-3, type + " RMS");
        assertEquals(0, NoiseGenerator.generate(type, 0, RATE, 1, SPEECH).length);
    }

    @Test
    void pinkFallsThreeDbPerOctave() {
        double slope = slopeDbPerOctave(NoiseGenerator.pink(RATE * 60, 7));
        assertEquals(-3.01, slope, 0.5, "pink slope " + slope);
    }

    @Test
    void brownFallsSixDbPerOctave() {
        double slope = slopeDbPerOctave(NoiseGenerator.brown(RATE * 60, 7));
        assertEquals(-6.02, slope, 0.7, "brown slope " + slope);
    }

    @Test
    void whiteIsFlat() {
        double slope = slopeDbPerOctave(NoiseGenerator.white(RATE * 60, 7));
        assertEquals(0, slope, 0.3, "white slope " + slope);
    }

    @Test
    void humSitsOnMainsHarmonics() {
        float[] h = NoiseGenerator.hum(RATE * 4, RATE, 50, 3);
        double at50 = Spectra.bandPower(h, RATE, 45, 55);
        double between = Spectra.bandPower(h, RATE, 70, 80);
        assertTrue(at50 > 1000 * between, "50 Hz line should dominate: " + at50 + " vs " + between);
    }

    /** Least-squares slope of band power density (dB) against log2(frequency), octaves 62.5 Hz .. 2 kHz. */
    private static double slopeDbPerOctave(float[] x) {
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int count = 0;
        for (double lo = 62.5; lo < 2000; lo *= 2) {
            double density = Spectra.bandPower(x, RATE, lo, 2 * lo) / lo;
            double xv = Math.log(lo) / Math.log(2);
            double yv = 10 * Math.log10(density);
            sx += xv;
            sy += yv;
            sxx += xv * xv;
            sxy += xv * yv;
            count++;
        }
        return (count * sxy - sx * sy) / (count * sxx - sx * sx);
    }
}
