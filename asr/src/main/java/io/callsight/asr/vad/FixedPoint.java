package io.callsight.asr.vad;

/**
 * The few WebRTC signal-processing-library (SPL) primitives the VAD needs, with C's 16/32-bit integer
 * semantics. Java's {@code (short)} casts and 32-bit {@code int} arithmetic wrap exactly like the int16_t /
 * int32_t arithmetic of the reference on two's-complement machines, which is what makes a bit-exact port
 * possible: every intermediate the C code stores in an int16_t is cast with {@code (short)} here.
 */
final class FixedPoint {
    private FixedPoint() {
    }

    /** WebRtcSpl_NormW32: left shifts that normalize a signed 32-bit value (0 for 0). */
    static int normW32(int a) {
        if (a == 0) {
            return 0;
        }
        return Integer.numberOfLeadingZeros(a < 0 ? ~a : a) - 1;
    }

    /** WebRtcSpl_NormU32: left shifts that normalize an unsigned 32-bit value (0 for 0). */
    static int normU32(int unsigned) {
        return unsigned == 0 ? 0 : Integer.numberOfLeadingZeros(unsigned);
    }

    /** WebRtcSpl_GetSizeInBits. */
    static int sizeInBits(int unsigned) {
        return 32 - Integer.numberOfLeadingZeros(unsigned);
    }

    /** WebRtcSpl_DivW32W16: truncating division, saturating to Integer.MAX_VALUE on a zero divisor. */
    static int divW32W16(int numerator, short denominator) {
        return denominator == 0 ? Integer.MAX_VALUE : numerator / denominator;
    }

    /**
     * WebRtcSpl_GetScalingSquare: right shift needed so that summing {@code times} squares of the largest sample
     * cannot overflow 32 bits. Like the reference, a sample of -32768 negates to itself in 16 bits and is
     * therefore not counted as the maximum (kept for bit-exactness; it cannot crash, only wrap the sum).
     */
    static int scalingSquare(short[] x, int length, int times) {
        int bits = sizeInBits(times);
        short max = -1;
        for (int i = 0; i < length; i++) {
            short abs = (short) (x[i] > 0 ? x[i] : -x[i]);
            if (abs > max) {
                max = abs;
            }
        }
        if (max == 0) {
            return 0;
        }
        int zeros = normW32(max * max);
        return zeros > bits ? 0 : bits - zeros;
    }

    /** WebRtcSpl_Energy: sum of squares, each shifted right by the returned scaling (stored in scaleOut[0]). */
    static int energy(short[] x, int length, int[] scaleOut) {
        int scaling = scalingSquare(x, length, length);
        int energy = 0;
        for (int i = 0; i < length; i++) {
            energy += (x[i] * x[i]) >> scaling;
        }
        scaleOut[0] = scaling;
        return energy;
    }
}
