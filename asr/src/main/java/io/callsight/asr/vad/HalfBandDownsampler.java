package io.callsight.asr.vad;

/**
 * WebRtcVad_Downsampling: halves the sample rate with the same two all-pass branches as the filter bank
 * (Q13 coefficients 0.64 and 0.17). The reference runs the 8 kHz VAD on 16 kHz input through exactly this
 * filter, so wideband tracks get the same features and the same trained models as telephone tracks.
 */
final class HalfBandDownsampler {
    private static final short UPPER_Q13 = 5243;
    private static final short LOWER_Q13 = 1392;

    private int upperState;
    private int lowerState;

    /** Downsamples {@code in[offset, offset+length)} into {@code out[0, length/2)}. */
    void process(short[] in, int offset, int length, short[] out) {
        int s1 = upperState;
        int s2 = lowerState;
        int j = offset;
        for (int n = 0; n < (length >> 1); n++) {
            short y1 = (short) ((s1 >> 1) + ((UPPER_Q13 * in[j]) >> 14));
            out[n] = y1;
            s1 = in[j++] - ((UPPER_Q13 * y1) >> 12);

            short y2 = (short) ((s2 >> 1) + ((LOWER_Q13 * in[j]) >> 14));
            out[n] = (short) (out[n] + y2);
            s2 = in[j++] - ((LOWER_Q13 * y2) >> 12);
        }
        upperState = s1;
        lowerState = s2;
    }

    void reset() {
        upperState = 0;
        lowerState = 0;
    }
}
