package io.callsight.asr.vad;

/**
 * The VAD's feature extractor (WebRTC vad_filterbank.c): a tree of half-band split filters turns one 8 kHz
 * frame into six sub-band log energies, 80–250, 250–500, 500–1000, 1000–2000, 2000–3000 and 3000–4000 Hz, in
 * dB (Q4). Each split is a pair of first-order all-pass sections on the even and odd samples (a polyphase QMF),
 * so a split costs two multiplies per output sample and downsamples by two at the same time; the lowest band
 * is high-passed at 80 Hz so mains hum and DC never count as speech energy. Filter states persist across
 * frames, so a stream cut anywhere gives the same features.
 */
final class SubBandFilterBank {
    static final int BANDS = 6;
    /** Largest frame the scratch buffers are sized for: 30 ms at 8 kHz. */
    static final int MAX_FRAME = 240;
    /** Frames whose band energies never exceed this (Q0) are treated as silence without scoring (kMinEnergy). */
    static final int MIN_ENERGY = 10;

    private static final short LOG_CONST = 24660; // 160*log10(2) in Q9
    private static final short LOG_ENERGY_INT_PART = 14336; // 14 in Q10
    private static final short[] HP_ZERO_COEFS = {6631, -13262, 6631}; // Q14
    private static final short[] HP_POLE_COEFS = {16384, -7756, 5620}; // Q14
    private static final short UPPER_ALLPASS_Q15 = 20972; // 0.64
    private static final short LOWER_ALLPASS_Q15 = 5571; // 0.17
    /** Per-band dB offsets that compensate the split filters' halving (kOffsetVector). */
    private static final short[] OFFSETS = {368, 368, 272, 176, 176, 176};

    private final short[] upperState = new short[5];
    private final short[] lowerState = new short[5];
    private final short[] highPassState = new short[4];

    private final short[] hp120 = new short[MAX_FRAME / 2];
    private final short[] lp120 = new short[MAX_FRAME / 2];
    private final short[] hp60 = new short[MAX_FRAME / 4];
    private final short[] lp60 = new short[MAX_FRAME / 4];
    private final int[] scale = new int[1];
    private int totalEnergy;

    /**
     * Writes the six band log energies of {@code frame[0, length)} (8 kHz, 80/160/240 samples) into
     * {@code features} and returns a rough total energy, only meaningful as "above {@link #MIN_ENERGY} or not".
     */
    int features(short[] frame, int length, short[] features) {
        totalEnergy = 0;
        int half = length >> 1;

        split(frame, 0, length, 0, hp120, lp120); // 0-4000 -> 2000-4000 | 0-2000
        split(hp120, 0, half, 1, hp60, lp60); // 2000-4000 -> 3000-4000 | 2000-3000
        int quarter = half >> 1;
        features[5] = logEnergy(hp60, quarter, OFFSETS[5]);
        features[4] = logEnergy(lp60, quarter, OFFSETS[4]);

        split(lp120, 0, half, 2, hp60, lp60); // 0-2000 -> 1000-2000 | 0-1000
        features[3] = logEnergy(hp60, quarter, OFFSETS[3]);

        split(lp60, 0, quarter, 3, hp120, lp120); // 0-1000 -> 500-1000 | 0-500
        int eighth = quarter >> 1;
        features[2] = logEnergy(hp120, eighth, OFFSETS[2]);

        split(lp120, 0, eighth, 4, hp60, lp60); // 0-500 -> 250-500 | 0-250
        int sixteenth = eighth >> 1;
        features[1] = logEnergy(hp60, sixteenth, OFFSETS[1]);

        highPass(lp60, sixteenth, hp120); // 0-250 -> 80-250
        features[0] = logEnergy(hp120, sixteenth, OFFSETS[0]);
        return totalEnergy;
    }

    void reset() {
        java.util.Arrays.fill(upperState, (short) 0);
        java.util.Arrays.fill(lowerState, (short) 0);
        java.util.Arrays.fill(highPassState, (short) 0);
    }

    /** SplitFilter: upper half of the band into {@code high}, lower half into {@code low}, both downsampled by 2. */
    private void split(short[] in, int offset, int length, int stage, short[] high, short[] low) {
        int half = length >> 1;
        upperState[stage] = allPass(in, offset, half, UPPER_ALLPASS_Q15, upperState[stage], high);
        lowerState[stage] = allPass(in, offset + 1, half, LOWER_ALLPASS_Q15, lowerState[stage], low);
        for (int i = 0; i < half; i++) {
            short upper = high[i];
            high[i] = (short) (high[i] - low[i]);
            low[i] = (short) (low[i] + upper);
        }
    }

    /** AllPassFilter on every second sample from {@code offset}; output and state in Q(-1). Returns the new state. */
    private static short allPass(short[] in, int offset, int count, short coefficient, short state, short[] out) {
        int state32 = state << 16; // Q15
        for (int i = 0, j = offset; i < count; i++, j += 2) {
            int acc = state32 + coefficient * in[j];
            short y = (short) (acc >> 16);
            out[i] = y;
            state32 = (in[j] << 14) - coefficient * y; // Q14
            state32 <<= 1; // Q15
        }
        return (short) (state32 >> 16);
    }

    /** HighPassFilter: second-order IIR, 80 Hz cut-off at the 500 Hz rate of the lowest band. */
    private void highPass(short[] in, int length, short[] out) {
        short[] s = highPassState;
        for (int i = 0; i < length; i++) {
            int acc = HP_ZERO_COEFS[0] * in[i];
            acc += HP_ZERO_COEFS[1] * s[0];
            acc += HP_ZERO_COEFS[2] * s[1];
            s[1] = s[0];
            s[0] = in[i];
            acc -= HP_POLE_COEFS[1] * s[2];
            acc -= HP_POLE_COEFS[2] * s[3];
            s[3] = s[2];
            s[2] = (short) (acc >> 14);
            out[i] = s[2];
        }
    }

    /**
     * LogOfEnergy: 10*log10(energy) in Q4 plus the band offset, from a 15-bit normalized mantissa and a linear
     * approximation of log2 on it. Also accumulates the total-energy indicator until it passes MIN_ENERGY.
     */
    private short logEnergy(short[] in, int length, short offset) {
        int energy = FixedPoint.energy(in, length, scale); // treated as unsigned, like the reference's uint32_t
        int rightShifts = scale[0];
        if (energy == 0) {
            return offset;
        }
        int normalizingShifts = 17 - FixedPoint.normU32(energy);
        short log2Energy = LOG_ENERGY_INT_PART;
        rightShifts += normalizingShifts;
        if (normalizingShifts < 0) {
            energy <<= -normalizingShifts;
        } else {
            energy >>>= normalizingShifts;
        }
        log2Energy = (short) (log2Energy + ((energy & 0x3FFF) >>> 4));
        short logEnergy = (short) (((LOG_CONST * log2Energy) >> 19) + ((rightShifts * LOG_CONST) >> 9));
        if (logEnergy < 0) {
            logEnergy = 0;
        }
        logEnergy = (short) (logEnergy + offset);

        if (totalEnergy <= MIN_ENERGY) {
            if (rightShifts >= 0) {
                totalEnergy = (short) (totalEnergy + MIN_ENERGY + 1);
            } else {
                totalEnergy = (short) (totalEnergy + (short) (energy >>> -rightShifts));
            }
        }
        return logEnergy;
    }
}
