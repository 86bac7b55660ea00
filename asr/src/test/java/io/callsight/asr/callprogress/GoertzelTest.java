package io.callsight.asr.callprogress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GoertzelTest {
    private static final int RATE = 8000;

    private static double[] sine(double hz, double amplitude, int n, double phase) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = amplitude * Math.sin(2 * Math.PI * hz * i / RATE + phase);
        }
        return x;
    }

    @Test
    void aToneOnItsFrequencyHasPowerOfHalfItsAmplitudeTimesTheLengthSquared() {
        double[] x = sine(1000, 3000, 400, 0.3);
        double expected = Math.pow(3000 * 400 / 2.0, 2);
        assertEquals(expected, Goertzel.measure(x, 1000, RATE), expected * 1e-3);
    }

    @Test
    void aToneBetweenBinsIsMeasuredWhereItIs() {
        // 445 Hz is a quarter bin off the 20 Hz grid of 400 samples: the Goertzel at 445 Hz still sees all of it
        double[] x = sine(445, 1000, 400, 1.1);
        double expected = Math.pow(1000 * 400 / 2.0, 2);
        assertEquals(expected, Goertzel.measure(x, 445, RATE), expected * 0.02);
    }

    @Test
    void aToneAWholeNumberOfBinsAwayIsOrthogonal() {
        double[] x = sine(1000, 3000, 400, 0.7); // 50 cycles; 1100 Hz would be 55
        double on = Goertzel.measure(x, 1000, RATE);
        assertTrue(Goertzel.measure(x, 1100, RATE) < on * 1e-8);
    }

    @Test
    void equalsTheDirectFourierSum() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        double[] x = new double[333];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble() * 2000 - 1000;
        }
        for (double hz : new double[] {0, 123.4, 440, 1776.7, 3999}) {
            double re = 0;
            double im = 0;
            for (int i = 0; i < x.length; i++) {
                re += x[i] * Math.cos(2 * Math.PI * hz * i / RATE);
                im -= x[i] * Math.sin(2 * Math.PI * hz * i / RATE);
            }
            double direct = re * re + im * im;
            assertEquals(direct, Goertzel.measure(x, hz, RATE), direct * 1e-9 + 1e-6, "at " + hz + " Hz");
        }
    }

    @Test
    void offsetAndLengthSelectTheBlock() {
        double[] x = new double[800];
        System.arraycopy(sine(620, 500, 400, 0), 0, x, 400, 400);
        Goertzel g = new Goertzel(620, RATE);
        assertEquals(0, g.power(x, 0, 400), 1e-6);
        assertEquals(Math.pow(500 * 200.0, 2), g.power(x, 400, 400), 1e3);
    }

    @Test
    void rejectsFrequenciesAboveNyquist() {
        assertThrows(IllegalArgumentException.class, () -> new Goertzel(4001, RATE));
        assertThrows(IllegalArgumentException.class, () -> new Goertzel(-1, RATE));
    }
}
