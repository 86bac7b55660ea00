package io.callsight.asr.vad;

import java.util.Arrays;

/**
 * Long-term noise floor per band (WebRtcVad_FindMinimum): keeps the 16 smallest feature values of the last
 * 100 frames (1 s) with their ages, takes a low order statistic of them (the third smallest) and smooths it,
 * quickly downwards and slowly upwards. The GMM pulls its noise means towards this floor, which is what lets
 * the detector follow a noise level that changes during a call without a labelled noise-only stretch.
 */
final class NoiseFloorTracker {
    private static final int KEPT = 16;
    private static final int MAX_AGE = 100;
    private static final short EMPTY = 10000;
    private static final short SMOOTHING_DOWN = 6553; // 0.2 in Q15
    private static final short SMOOTHING_UP = 32439; // 0.99 in Q15

    private final short[] ages = new short[KEPT * SubBandFilterBank.BANDS];
    private final short[] smallest = new short[KEPT * SubBandFilterBank.BANDS];
    private final short[] floor = new short[SubBandFilterBank.BANDS];

    NoiseFloorTracker() {
        reset();
    }

    void reset() {
        Arrays.fill(ages, (short) 0);
        Arrays.fill(smallest, EMPTY);
        Arrays.fill(floor, (short) 1600);
    }

    /** Adds this frame's band value and returns the smoothed floor of the band (Q4). */
    short update(short value, int band, int frameCount) {
        int base = band * KEPT;
        for (int i = 0; i < KEPT; i++) {
            if (ages[base + i] != MAX_AGE) {
                ages[base + i]++;
            } else {
                // Too old: remove and shift the larger values down. As in the reference, the value shifted into
                // slot i skips this frame's ageing.
                for (int j = i; j < KEPT - 1; j++) {
                    smallest[base + j] = smallest[base + j + 1];
                    ages[base + j] = ages[base + j + 1];
                }
                ages[base + KEPT - 1] = MAX_AGE + 1;
                smallest[base + KEPT - 1] = EMPTY;
            }
        }

        int position = -1;
        for (int i = 0; i < KEPT; i++) { // same result as the reference's unrolled binary search
            if (value < smallest[base + i]) {
                position = i;
                break;
            }
        }
        if (position > -1) {
            for (int i = KEPT - 1; i > position; i--) {
                smallest[base + i] = smallest[base + i - 1];
                ages[base + i] = ages[base + i - 1];
            }
            smallest[base + position] = value;
            ages[base + position] = 1;
        }

        short median = 1600;
        if (frameCount > 2) {
            median = smallest[base + 2];
        } else if (frameCount > 0) {
            median = smallest[base];
        }
        short alpha = 0;
        if (frameCount > 0) {
            alpha = median < floor[band] ? SMOOTHING_DOWN : SMOOTHING_UP;
        }
        int acc = (alpha + 1) * floor[band];
        acc += (Short.MAX_VALUE - alpha) * median;
        acc += 16384;
        floor[band] = (short) (acc >> 15);
        return floor[band];
    }
}
