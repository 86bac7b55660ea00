package io.callsight.asr.audio;

import static io.callsight.asr.audio.Signals.amplitude;
import static io.callsight.asr.audio.Signals.db;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {
    private static final double AMPLITUDE = 10_000;

    /** Gain in dB of {@code from -> to} resampling at {@code freq}, measured in the steady state. */
    private static double gainDb(int from, int to, double freq) {
        int n = from; // one second
        short[] in = Signals.sine(AMPLITUDE, freq, from, n);
        short[] out = Resampler.resample(in, from, to);
        int skip = to / 10; // 100 ms at each end: filter start-up and flush
        double measured = amplitude(out, skip, out.length - 2 * skip, freq, to);
        return db(measured / AMPLITUDE);
    }

    // ---- passband ------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} -> {1} Hz at {2} Hz")
    @CsvSource({
        "8000, 16000, 300", "8000, 16000, 1000", "8000, 16000, 3000",
        "16000, 8000, 300", "16000, 8000, 1000", "16000, 8000, 3000",
        "48000, 8000, 300", "48000, 8000, 1000", "48000, 8000, 3000",
        "22050, 8000, 1000", "8000, 8000, 1000",
    })
    void passbandIsFlatWithinHalfADb(int from, int to, double freq) {
        double gain = gainDb(from, to, freq);
        System.out.printf("passband %5d -> %5d Hz, %4.0f Hz: %+.4f dB%n", from, to, freq, gain);
        assertTrue(Math.abs(gain) <= 0.5, from + "->" + to + " at " + freq + " Hz: gain " + gain + " dB");
    }

    @ParameterizedTest(name = "{0} -> {1} Hz sweep")
    @CsvSource({"8000, 16000", "16000, 8000", "48000, 8000"})
    void sweptPassbandFrom100To3000HzIsFlat(int from, int to) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int f = 100; f <= 3000; f += 100) {
            double g = gainDb(from, to, f);
            min = Math.min(min, g);
            max = Math.max(max, g);
        }
        System.out.printf("passband sweep %5d -> %5d, 100..3000 Hz: %+.4f .. %+.4f dB%n", from, to, min, max);
        assertTrue(min >= -0.5 && max <= 0.5, "ripple " + min + " .. " + max + " dB");
    }

    // ---- stopband ------------------------------------------------------------------------------------

    @Test
    void upsamplingLeavesNoImageOfA1kHzTone() {
        int n = 8000;
        short[] out = Resampler.resample(Signals.sine(AMPLITUDE, 1000, 8000, n), 8000, 16000);
        int from = 1600;
        int len = 12_800; // 0.8 s: whole cycles of both 1 kHz and 7 kHz at 16 kHz
        double signal = Signals.goertzelPower(out, from, len, 1000, 16000);
        double image = Signals.goertzelPower(out, from, len, 7000, 16000);
        double rejection = 10 * Math.log10(signal / image);

        // All energy above 4.2 kHz, by DFT over a 1600-sample (10 Hz/bin) window.
        int win = 1600;
        double above = 0;
        for (int bin = 420; bin <= 800; bin++) {
            above += Signals.goertzelPower(out, from, win, bin * 10.0, 16000) * (bin == 800 ? 0.5 : 1);
        }
        double inBand = Signals.goertzelPower(out, from, win, 1000, 16000);
        double broadband = 10 * Math.log10(inBand / above);
        System.out.printf("stopband 8000 -> 16000: image at 7 kHz %.1f dB below the 1 kHz tone;"
                + " all energy above 4.2 kHz %.1f dB below%n", rejection, broadband);
        assertTrue(rejection >= 50, "image at 7 kHz only " + rejection + " dB down");
        assertTrue(broadband >= 50, "energy above 4.2 kHz only " + broadband + " dB down");
    }

    @ParameterizedTest(name = "{0} -> {1} Hz: {2} Hz tone")
    @CsvSource({"48000, 8000, 6000", "48000, 8000, 4600", "48000, 8000, 12000", "16000, 8000, 6000",
        "16000, 8000, 4600", "22050, 8000, 6000"})
    void downsamplingRejectsToneAboveNewNyquist(int from, int to, double freq) {
        double amplitude = 32_000;
        short[] out = Resampler.resample(Signals.sine(amplitude, freq, from, from), from, to);
        // The tone can only show up aliased: folded into [0, to/2].
        double folded = Math.abs(freq - to * Math.round(freq / to));
        int skip = to / 10;
        double alias = amplitude(out, skip, out.length - 2 * skip, folded, to);
        double rms = Signals.rms(out, skip, out.length - 2 * skip);
        double attenuation = -db(Math.max(alias, 1e-9) / amplitude);
        double total = -db(Math.max(rms * Math.sqrt(2), 1e-9) / amplitude);
        if (rms == 0) {
            // Below half an LSB the output rounds to digital silence: at least 96 dB down.
            System.out.printf("stopband %5d -> %5d, %5.0f Hz tone: output is digital silence (> %.0f dB down)%n",
                    from, to, freq, -db(0.5 / amplitude));
        } else {
            System.out.printf("stopband %5d -> %5d, %5.0f Hz tone: alias at %4.0f Hz %.1f dB down, total output %.1f"
                    + " dB down%n", from, to, freq, folded, attenuation, total);
        }
        assertTrue(attenuation >= 50, freq + " Hz attenuated only " + attenuation + " dB");
        assertTrue(total >= 50, "output energy only " + total + " dB below the input tone");
    }

    // ---- sweep, alignment, length --------------------------------------------------------------------

    @Test
    void chirpThroughTelephoneBandIsReproduced() {
        int n = 16_000; // 2 s at 8 kHz
        short[] in = Signals.chirp(AMPLITUDE, 100, 3000, 8000, n);
        short[] out = Resampler.resample(in, 8000, 16000);
        double signal = 0;
        double error = 0;
        for (int i = 800; i < out.length - 800; i++) {
            double ideal = Signals.chirpAt(AMPLITUDE, 100, 3000, 2.0, i / 16000.0);
            signal += ideal * ideal;
            error += (out[i] - ideal) * (out[i] - ideal);
        }
        double snr = 10 * Math.log10(signal / error);
        System.out.printf("chirp 100..3000 Hz, 8000 -> 16000: SNR against the ideal 16 kHz chirp %.1f dB%n", snr);
        assertTrue(snr >= 30, "chirp reproduced with SNR " + snr + " dB");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"8000, 16000", "16000, 8000", "48000, 8000", "22050, 8000", "8000, 22050", "44100, 16000"})
    void staticResampleHasExactLengthAndIsAlignedInTime(int from, int to) {
        int n = from * 3 / 2 + 7;
        double duration = (double) n / from;
        short[] in = new short[n];
        for (int i = 0; i < n; i++) {
            in[i] = (short) Math.round(Signals.chirpAt(AMPLITUDE, 200, 3000, duration, (double) i / from));
        }
        short[] out = Resampler.resample(in, from, to);
        assertEquals((int) ((long) n * to / from), out.length);

        double[] ideal = new double[out.length];
        for (int i = 0; i < out.length; i++) {
            ideal[i] = Signals.chirpAt(AMPLITUDE, 200, 3000, duration, (double) i / to);
        }
        int maxLag = 20;
        double[] xc = new double[2 * maxLag + 1];
        int best = 0;
        for (int lag = -maxLag; lag <= maxLag; lag++) {
            double sum = 0;
            for (int i = maxLag; i < out.length - maxLag; i++) {
                sum += out[i + lag] * ideal[i];
            }
            xc[lag + maxLag] = sum;
            if (sum > xc[best]) {
                best = lag + maxLag;
            }
        }
        int peak = best - maxLag;
        double fractional = peak;
        if (best > 0 && best < xc.length - 1) {
            double a = xc[best - 1];
            double b = xc[best];
            double c = xc[best + 1];
            fractional = peak + 0.5 * (a - c) / (a - 2 * b + c);
        }
        System.out.printf("alignment %5d -> %5d: cross-correlation peak at lag %d (%.2f output samples)%n", from, to,
                peak, fractional);
        assertTrue(Math.abs(peak) <= 1, "output lags the input by " + peak + " samples");
    }

    @Test
    void sameRateIsACopy() {
        short[] in = {1, 2, 3};
        short[] out = Resampler.resample(in, 8000, 8000);
        assertArrayEquals(in, out);
        in[0] = 9;
        assertEquals(1, out[0]);
        Resampler r = new Resampler(16000, 16000);
        assertArrayEquals(new short[] {4, 5}, r.process(new short[] {4, 5}));
        assertEquals(0, r.flush().length);
        assertEquals(0, r.delayOutputSamples());
    }

    @Test
    void rejectsNonPositiveRates() {
        assertThrows(IllegalArgumentException.class, () -> new Resampler(0, 8000));
        assertThrows(IllegalArgumentException.class, () -> new Resampler(8000, -1));
    }

    @Test
    void emptyInputGivesEmptyOutput() {
        assertEquals(0, Resampler.resample(new short[0], 8000, 16000).length);
        assertEquals(0, Resampler.resample(new short[0], 48000, 8000).length);
    }

    @Test
    void fullScaleInputClipsInsteadOfWrapping() {
        // A full-scale square wave overshoots (Gibbs): the output must saturate, never wrap to the other sign.
        short[] in = new short[4000];
        for (int i = 0; i < in.length; i++) {
            in[i] = (i / 20) % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE;
        }
        short[] out = Resampler.resample(in, 8000, 16000);
        for (int i = 100; i < out.length - 100; i++) {
            int expectedSign = ((i / 2) / 20) % 2 == 0 ? 1 : -1;
            // Samples well inside a half period must have the input's sign.
            int posInHalf = (i / 2) % 20;
            if (posInHalf > 3 && posInHalf < 17) {
                assertEquals(expectedSign, Integer.signum(out[i]), "sample " + i + " = " + out[i]);
            }
        }
    }

    // ---- streaming -----------------------------------------------------------------------------------

    private static short[] concat(ByteArrayOutputStream bytes) {
        return Pcm.fromLittleEndian(bytes.toByteArray());
    }

    private static short[] streamInChunks(short[] in, int from, int to, long seed) {
        Resampler r = new Resampler(from, to);
        Random random = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        boolean first = true;
        while (pos < in.length) {
            int len;
            if (first) {
                len = 0; // an empty first frame (e.g. an end-of-track marker racing the start) must be harmless
                first = false;
            } else {
                len = switch (random.nextInt(5)) {
                    case 0 -> 0;
                    case 1 -> 1;
                    case 2 -> random.nextInt(7);
                    default -> random.nextInt(900);
                };
            }
            len = Math.min(len, in.length - pos);
            out.writeBytes(Pcm.toLittleEndian(r.process(Arrays.copyOfRange(in, pos, pos + len))));
            pos += len;
        }
        out.writeBytes(Pcm.toLittleEndian(r.process(new short[0])));
        out.writeBytes(Pcm.toLittleEndian(r.flush()));
        return concat(out);
    }

    private static short[] whole(short[] in, int from, int to) {
        Resampler r = new Resampler(from, to);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Pcm.toLittleEndian(r.process(in)));
        out.writeBytes(Pcm.toLittleEndian(r.flush()));
        return concat(out);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"8000, 16000", "16000, 8000", "48000, 8000", "22050, 8000", "8000, 22050", "44100, 16000"})
    void chunkedStreamingIsSampleIdenticalToOneShot(int from, int to) {
        short[] in = new short[from * 2 + 13];
        Random random = new Random(from * 31L + to);
        for (int i = 0; i < in.length; i++) {
            in[i] = (short) (Signals.chirpAt(12_000, 50, from / 2.0, 2.0, (double) i / from) + random.nextGaussian() * 500);
        }
        short[] expected = whole(in, from, to);
        for (long seed = 1; seed <= 5; seed++) {
            assertArrayEquals(expected, streamInChunks(in, from, to, seed), "chunking seed " + seed);
        }
        // The stream lags by the filter delay; past it, it equals the static, delay-compensated resample.
        Resampler r = new Resampler(from, to);
        short[] aligned = Resampler.resample(in, from, to);
        int delay = r.delayOutputSamples();
        assertTrue(delay > 0, "a real low-pass has a group delay");
        assertArrayEquals(aligned, Arrays.copyOfRange(expected, delay, delay + aligned.length));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"8000, 16000", "16000, 8000", "48000, 8000"})
    void emptyChunksAnywhereAreHarmless(int from, int to) {
        Resampler r = new Resampler(from, to);
        assertEquals(0, r.process(new short[0]).length);
        assertEquals(0, r.process(new short[0]).length);
        short[] afterEmpty = r.process(Signals.sine(AMPLITUDE, 440, from, from / 10));
        short[] direct = new Resampler(from, to).process(Signals.sine(AMPLITUDE, 440, from, from / 10));
        assertArrayEquals(direct, afterEmpty);
    }

    @Test
    void singleSampleChunksProduceTheRightNumberOfOutputs() {
        Resampler r = new Resampler(8000, 16000);
        int total = 0;
        for (int i = 0; i < 1000; i++) {
            int produced = r.process(new short[] {(short) i}).length;
            assertEquals(2, produced, "each 8 kHz sample yields two 16 kHz samples");
            total += produced;
        }
        Resampler down = new Resampler(48000, 8000);
        int downTotal = 0;
        for (int i = 0; i < 6000; i++) {
            downTotal += down.process(new short[] {(short) i}).length;
        }
        assertEquals(2000, total);
        assertEquals(1000, downTotal);
    }
}
