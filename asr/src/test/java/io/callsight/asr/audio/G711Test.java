package io.callsight.asr.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * G.711 against independent reference implementations written here from the published algorithms: the
 * ITU-T G.191 STL expanders ({@code ulaw_expand}, {@code alaw_expand}) and compressor ({@code alaw_compress}),
 * and Sun Microsystems' {@code g711.c} (table search) μ-law compressor. The code under test uses different
 * formulations (bit loops), so agreement over every input is meaningful.
 */
class G711Test {

    // ---- reference implementations -------------------------------------------------------------------

    /** ITU-T G.191 ulaw_expand. */
    static int ituUlawExpand(int code) {
        int sign = code < 0x80 ? -1 : 1;
        int mantissa = ~code;
        int exponent = (mantissa >> 4) & 0x07;
        int segment = exponent + 1;
        mantissa &= 0x0F;
        int step = 4 << segment;
        return sign * ((0x80 << exponent) + step * mantissa + step / 2 - 4 * 33);
    }

    /** ITU-T G.191 alaw_expand. */
    static int ituAlawExpand(int code) {
        int ix = (code ^ 0x55) & 0x7F;
        int exponent = ix >> 4;
        int mantissa = ix & 0x0F;
        if (exponent > 0) {
            mantissa += 16;
        }
        mantissa = (mantissa << 4) + 0x08;
        if (exponent > 1) {
            mantissa <<= exponent - 1;
        }
        return code > 127 ? mantissa : -mantissa;
    }

    /** ITU-T G.191 alaw_compress (16-bit input, 13 significant bits, one's complement for negatives). */
    static int ituAlawCompress(int linear) {
        int ix = linear < 0 ? (~linear) >> 4 : linear >> 4;
        if (ix > 15) {
            int exponent = 1;
            while (ix > 16 + 15) {
                ix >>= 1;
                exponent++;
            }
            ix -= 16;
            ix += exponent << 4;
        }
        if (linear >= 0) {
            ix |= 0x80;
        }
        return (ix ^ 0x55) & 0xFF;
    }

    private static final int[] SUN_SEG_END = {0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF, 0x3FFF, 0x7FFF};

    /** Sun g711.c linear2ulaw (16-bit, bias 0x84, segment by table search). */
    static int sunLinear2Ulaw(int pcm) {
        int mask;
        if (pcm < 0) {
            pcm = 0x84 - pcm;
            mask = 0x7F;
        } else {
            pcm += 0x84;
            mask = 0xFF;
        }
        int seg = 0;
        while (seg < 8 && pcm > SUN_SEG_END[seg]) {
            seg++;
        }
        if (seg >= 8) {
            return 0x7F ^ mask;
        }
        return ((seg << 4) | ((pcm >> (seg + 3)) & 0xF)) ^ mask;
    }

    // ---- reference values ----------------------------------------------------------------------------

    @Test
    void ulawReferenceValues() {
        assertEquals((byte) 0xFF, G711.ulawEncode((short) 0));
        assertEquals(0, G711.ulawDecode((byte) 0xFF));
        assertEquals(0, G711.ulawDecode((byte) 0x7F)); // "negative zero"
        assertEquals(-32124, G711.ulawDecode((byte) 0x00));
        assertEquals(32124, G711.ulawDecode((byte) 0x80));
        assertEquals((byte) 0x80, G711.ulawEncode(Short.MAX_VALUE));
        assertEquals((byte) 0x00, G711.ulawEncode(Short.MIN_VALUE));
        assertEquals(8, G711.ulawDecode((byte) 0xFE)); // smallest positive step
        assertEquals(-8, G711.ulawDecode((byte) 0x7E));
    }

    @Test
    void alawReferenceValues() {
        assertEquals((byte) 0xD5, G711.alawEncode((short) 0));
        assertEquals(8, G711.alawDecode((byte) 0xD5));
        assertEquals(-8, G711.alawDecode((byte) 0x55));
        assertEquals(32256, G711.alawDecode((byte) 0xAA));
        assertEquals(-32256, G711.alawDecode((byte) 0x2A));
        assertEquals((byte) 0xAA, G711.alawEncode(Short.MAX_VALUE));
        assertEquals((byte) 0x2A, G711.alawEncode(Short.MIN_VALUE));
        assertEquals((byte) 0x55, G711.alawEncode((short) -1));
    }

    // ---- full agreement with the references ----------------------------------------------------------

    @Test
    void decodeTablesMatchItuExpandersForAll256Codes() {
        for (int code = 0; code < 256; code++) {
            assertEquals(ituUlawExpand(code), G711.ulawDecode((byte) code), "μ-law code 0x" + Integer.toHexString(code));
            assertEquals(ituAlawExpand(code), G711.alawDecode((byte) code), "A-law code 0x" + Integer.toHexString(code));
        }
    }

    @Test
    void alawEncodeMatchesItuCompressorForEvery16BitSample() {
        for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
            assertEquals(ituAlawCompress(s), G711.alawEncode((short) s) & 0xFF, "A-law encode of " + s);
        }
    }

    @Test
    void ulawEncodeMatchesSunReferenceForEvery16BitSample() {
        for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
            assertEquals(sunLinear2Ulaw(s), G711.ulawEncode((short) s) & 0xFF, "μ-law encode of " + s);
        }
    }

    // ---- structural properties -----------------------------------------------------------------------

    @Test
    void ulawDecodeThenEncodeIsIdentityExceptNegativeZero() {
        for (int code = 0; code < 256; code++) {
            int expected = code == 0x7F ? 0xFF : code; // 0x7F and 0xFF both decode to 0, which encodes as 0xFF
            assertEquals(expected, G711.ulawEncode(G711.ulawDecode((byte) code)) & 0xFF,
                    "μ-law code 0x" + Integer.toHexString(code));
        }
    }

    @Test
    void alawDecodeThenEncodeIsIdentity() {
        for (int code = 0; code < 256; code++) {
            assertEquals(code, G711.alawEncode(G711.alawDecode((byte) code)) & 0xFF,
                    "A-law code 0x" + Integer.toHexString(code));
        }
    }

    @Test
    void ulawDecodeIsMonotonicPerSign() {
        // 0x00..0x7F: negative, rising from -32124 to 0; 0x80..0xFF: positive, falling from 32124 to 0.
        for (int code = 0x00; code < 0x7F; code++) {
            assertTrue(G711.ulawDecode((byte) code) < G711.ulawDecode((byte) (code + 1)), "at 0x" + Integer.toHexString(code));
            assertTrue(G711.ulawDecode((byte) code) < 0);
        }
        for (int code = 0x80; code < 0xFF; code++) {
            assertTrue(G711.ulawDecode((byte) code) > G711.ulawDecode((byte) (code + 1)), "at 0x" + Integer.toHexString(code));
            assertTrue(G711.ulawDecode((byte) code) > 0);
        }
    }

    @Test
    void alawDecodeIsMonotonicInMagnitudeIndexPerSign() {
        // A-law inverts the even bits: the magnitude index is (code ^ 0x55) & 0x7F, the sign bit 1 = positive.
        for (int sign : new int[] {0x00, 0x80}) {
            int previous = -1;
            for (int magnitude = 0; magnitude < 128; magnitude++) {
                int code = (sign | magnitude) ^ 0x55;
                int value = G711.alawDecode((byte) code);
                assertEquals(sign != 0, value > 0, "sign of 0x" + Integer.toHexString(code));
                assertTrue(Math.abs(value) > previous, "magnitude at 0x" + Integer.toHexString(code));
                previous = Math.abs(value);
            }
        }
    }

    @Test
    void decodeIsSymmetricBetweenSigns() {
        for (int code = 0; code < 128; code++) {
            assertEquals(-G711.ulawDecode((byte) (code | 0x80)), G711.ulawDecode((byte) code));
            assertEquals(-G711.alawDecode((byte) (code | 0x80)), G711.alawDecode((byte) code));
        }
    }

    @Test
    void encodeIsMonotonicNonDecreasingInDecodedValue() {
        int prevU = Integer.MIN_VALUE;
        int prevA = Integer.MIN_VALUE;
        for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
            int u = G711.ulawDecode(G711.ulawEncode((short) s));
            int a = G711.alawDecode(G711.alawEncode((short) s));
            assertTrue(u >= prevU, "μ-law quantizer not monotonic at " + s);
            assertTrue(a >= prevA, "A-law quantizer not monotonic at " + s);
            prevU = u;
            prevA = a;
        }
    }

    @Test
    void arrayFormsMatchScalarForms() {
        short[] samples = {0, 1, -1, 100, -100, 5000, -5000, Short.MAX_VALUE, Short.MIN_VALUE};
        byte[] u = G711.ulawEncode(samples);
        byte[] a = G711.alawEncode(samples);
        for (int i = 0; i < samples.length; i++) {
            assertEquals(G711.ulawEncode(samples[i]), u[i]);
            assertEquals(G711.alawEncode(samples[i]), a[i]);
        }
        short[] ud = G711.ulawDecode(u);
        short[] ad = G711.alawDecode(a);
        for (int i = 0; i < samples.length; i++) {
            assertEquals(G711.ulawDecode(u[i]), ud[i]);
            assertEquals(G711.alawDecode(a[i]), ad[i]);
        }
        assertArrayEquals(new short[0], G711.ulawDecode(new byte[0]));
    }

    // ---- quantization quality ------------------------------------------------------------------------

    private static double snrDb(short[] reference, short[] coded) {
        double signal = 0;
        double noise = 0;
        for (int i = 0; i < reference.length; i++) {
            signal += (double) reference[i] * reference[i];
            double e = reference[i] - coded[i];
            noise += e * e;
        }
        return 10 * Math.log10(signal / noise);
    }

    private static short[] sine(double amplitude, double freq, int rate, int n) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * freq * i / rate + 0.3));
        }
        return s;
    }

    @Test
    void sineSurvivesCompandingWithAtLeast35DbSnr() {
        for (double amplitude : new double[] {1_000, 8_000, 30_000}) {
            short[] x = sine(amplitude, 1004, 8000, 8000);
            double u = snrDb(x, G711.ulawDecode(G711.ulawEncode(x)));
            double a = snrDb(x, G711.alawDecode(G711.alawEncode(x)));
            assertTrue(u >= 35, "μ-law SNR " + u + " dB at amplitude " + amplitude);
            assertTrue(a >= 35, "A-law SNR " + a + " dB at amplitude " + amplitude);
            // Companding is about 6 bits of mantissa: far from lossless, so the SNR is bounded too.
            assertTrue(u < 45 && a < 45, "implausibly high SNR: μ " + u + ", A " + a);
        }
    }
}
