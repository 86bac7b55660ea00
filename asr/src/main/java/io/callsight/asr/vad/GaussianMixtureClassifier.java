package io.callsight.asr.vad;

/**
 * The decision core of the WebRTC VAD (vad_core.c GmmProbability, vad_gmm.c): per band, a two-component
 * Gaussian mixture for noise and one for speech over the band's log energy, initialised from the reference's
 * trained tables. A frame is speech if any band's log-likelihood ratio passes the local threshold or the
 * spectrally weighted sum passes the global one (both from {@link VadMode}). After each decision the models
 * adapt: noise means follow noise frames and the long-term {@link NoiseFloorTracker}, speech means follow
 * speech frames, and the two are pushed apart when they get too close, so a loud noise cannot become "speech".
 * A hangover keeps a few frames after speech marked as speech, to cover weak word endings.
 *
 * <p>All arithmetic is the reference's fixed point (Q-formats noted inline), ported operation by operation.
 */
final class GaussianMixtureClassifier {
    private static final int BANDS = SubBandFilterBank.BANDS;
    private static final int GAUSSIANS = 2;
    private static final int TABLE = BANDS * GAUSSIANS;

    private static final short[] SPECTRUM_WEIGHT = {6, 8, 10, 12, 14, 16};
    private static final short NOISE_UPDATE = 655; // Q15
    private static final short SPEECH_UPDATE = 6554; // Q15
    private static final short BACK_ETA = 154; // Q8
    private static final short[] MINIMUM_DIFFERENCE = {544, 544, 576, 576, 576, 576}; // Q5
    private static final short[] MAXIMUM_SPEECH = {11392, 11392, 11520, 11520, 11520, 11520}; // Q7
    private static final short[] MINIMUM_MEAN = {640, 768}; // Q7
    private static final short[] MAXIMUM_NOISE = {9216, 9088, 8960, 8832, 8704, 8576}; // Q7
    // Trained start values; index = band + gaussian * BANDS. Weights Q7, means Q7, stds Q7.
    private static final short[] NOISE_WEIGHTS = {34, 62, 72, 66, 53, 25, 94, 66, 56, 62, 75, 103};
    private static final short[] SPEECH_WEIGHTS = {48, 82, 45, 87, 50, 47, 80, 46, 83, 41, 78, 81};
    private static final short[] NOISE_MEANS = {6738, 4892, 7065, 6715, 6771, 3369, 7646, 3863, 7820, 7266, 5020, 4362};
    private static final short[] SPEECH_MEANS = {8306, 10085, 10078, 11823, 11843, 6309, 9473, 9571, 10879, 7581, 8180, 7483};
    private static final short[] NOISE_STDS = {378, 1064, 493, 582, 688, 593, 474, 697, 475, 688, 421, 455};
    private static final short[] SPEECH_STDS = {555, 505, 567, 524, 585, 1231, 509, 828, 492, 1540, 1079, 850};
    private static final int MAX_SPEECH_FRAMES = 6;
    private static final short MIN_STD = 384;
    private static final int COMP_VAR = 22005;
    private static final short LOG2_EXP = 5909; // log2(e) in Q12

    private final VadMode mode;
    private final NoiseFloorTracker noiseFloor = new NoiseFloorTracker();
    private final short[] noiseMeans = new short[TABLE];
    private final short[] speechMeans = new short[TABLE];
    private final short[] noiseStds = new short[TABLE];
    private final short[] speechStds = new short[TABLE];
    private int frameCount;
    private int hangover;
    private int speechRun;

    // per-frame scratch
    private final short[] deltaNoise = new short[TABLE];
    private final short[] deltaSpeech = new short[TABLE];
    private final short[] noiseShare = new short[TABLE]; // ngprvec: posterior of each noise Gaussian, Q14
    private final short[] speechShare = new short[TABLE]; // sgprvec
    private final int[] noiseProbability = new int[GAUSSIANS];
    private final int[] speechProbability = new int[GAUSSIANS];
    private short lastDelta;

    GaussianMixtureClassifier(VadMode mode) {
        this.mode = mode;
        reset();
    }

    void reset() {
        System.arraycopy(NOISE_MEANS, 0, noiseMeans, 0, TABLE);
        System.arraycopy(SPEECH_MEANS, 0, speechMeans, 0, TABLE);
        System.arraycopy(NOISE_STDS, 0, noiseStds, 0, TABLE);
        System.arraycopy(SPEECH_STDS, 0, speechStds, 0, TABLE);
        noiseFloor.reset();
        frameCount = 0;
        hangover = 0;
        speechRun = 0;
    }

    /**
     * Classifies one frame from its band features (Q4) and total-energy indicator. Returns 0 for noise, 1 for
     * speech and more than 1 for a hangover frame (the reference's "2 + remaining hangover").
     */
    int classify(short[] features, int totalPower) {
        int speech = 0;
        if (totalPower > SubBandFilterBank.MIN_ENERGY) {
            speech = likelihoodRatioTest(features);
            adapt(features, speech != 0);
            frameCount++;
        }
        return applyHangover(speech);
    }

    private int likelihoodRatioTest(short[] features) {
        java.util.Arrays.fill(noiseShare, (short) 0);
        java.util.Arrays.fill(speechShare, (short) 0);
        int speech = 0;
        int weightedLlrSum = 0;
        for (int band = 0; band < BANDS; band++) {
            int h0 = 0;
            int h1 = 0;
            for (int k = 0; k < GAUSSIANS; k++) {
                int g = band + k * BANDS;
                int p = gaussianProbability(features[band], noiseMeans[g], noiseStds[g]); // Q20
                deltaNoise[g] = lastDelta;
                noiseProbability[k] = NOISE_WEIGHTS[g] * p; // Q27
                h0 += noiseProbability[k];
                p = gaussianProbability(features[band], speechMeans[g], speechStds[g]);
                deltaSpeech[g] = lastDelta;
                speechProbability[k] = SPEECH_WEIGHTS[g] * p;
                h1 += speechProbability[k];
            }
            // log2(h1/h0) approximated by the difference of the normalisation shifts (integer log2).
            int shiftsH0 = h0 == 0 ? 31 : FixedPoint.normW32(h0);
            int shiftsH1 = h1 == 0 ? 31 : FixedPoint.normW32(h1);
            short llr = (short) (shiftsH0 - shiftsH1);
            weightedLlrSum += llr * SPECTRUM_WEIGHT[band];
            if (llr * 4 > mode.localThreshold) {
                speech = 1;
            }

            short h0q15 = (short) (h0 >> 12);
            if (h0q15 > 0) {
                int num = (noiseProbability[0] & 0xFFFFF000) << 2; // Q29
                noiseShare[band] = (short) FixedPoint.divW32W16(num, h0q15); // Q14
                noiseShare[band + BANDS] = (short) (16384 - noiseShare[band]);
            } else {
                noiseShare[band] = 16384;
            }
            short h1q15 = (short) (h1 >> 12);
            if (h1q15 > 0) {
                int num = (speechProbability[0] & 0xFFFFF000) << 2;
                speechShare[band] = (short) FixedPoint.divW32W16(num, h1q15);
                speechShare[band + BANDS] = (short) (16384 - speechShare[band]);
            }
        }
        if (weightedLlrSum >= mode.globalThreshold) {
            speech = 1;
        }
        return speech;
    }

    private void adapt(short[] features, boolean speech) {
        short maxSpeech = 12800; // the reference bounds band b's speech means with band b-1's limit
        for (int band = 0; band < BANDS; band++) {
            short floor = noiseFloor.update(features[band], band, frameCount);
            int noiseGlobalMean = weightedAverage(noiseMeans, band, (short) 0, NOISE_WEIGHTS);
            short noiseGlobalQ8 = (short) (noiseGlobalMean >> 6);

            for (int k = 0; k < GAUSSIANS; k++) {
                int g = band + k * BANDS;
                short nmk = noiseMeans[g];
                short smk = speechMeans[g];
                short nsk = noiseStds[g];
                short ssk = speechStds[g];

                short nmk2 = nmk;
                if (!speech) {
                    short delt = (short) ((noiseShare[g] * deltaNoise[g]) >> 11); // Q14
                    nmk2 = (short) (nmk + (short) ((delt * NOISE_UPDATE) >> 22)); // Q7
                }
                // Long-term correction towards the tracked noise floor.
                short ndelt = (short) ((floor << 4) - noiseGlobalQ8); // Q8
                short nmk3 = (short) (nmk2 + (short) ((ndelt * BACK_ETA) >> 9));
                short low = (short) ((k + 5) << 7);
                if (nmk3 < low) {
                    nmk3 = low;
                }
                short high = (short) ((72 + k - band) << 7);
                if (nmk3 > high) {
                    nmk3 = high;
                }
                noiseMeans[g] = nmk3;

                if (speech) {
                    short delt = (short) ((speechShare[g] * deltaSpeech[g]) >> 11); // Q14
                    short step = (short) ((delt * SPEECH_UPDATE) >> 21); // Q8
                    short smk2 = (short) (smk + ((step + 1) >> 1)); // Q7, rounded
                    short maxMean = (short) (maxSpeech + 640);
                    if (smk2 < MINIMUM_MEAN[k]) {
                        smk2 = MINIMUM_MEAN[k];
                    }
                    if (smk2 > maxMean) {
                        smk2 = maxMean;
                    }
                    speechMeans[g] = smk2;

                    short tmp = (short) ((smk + 4) >> 3); // Q4
                    tmp = (short) (features[band] - tmp);
                    int t1 = (deltaSpeech[g] * tmp) >> 3; // Q12
                    int t2 = t1 - 4096;
                    tmp = (short) (speechShare[g] >> 2);
                    t1 = tmp * t2; // Q24
                    t2 = t1 >> 4; // Q20
                    short denominator = (short) (ssk * 10);
                    if (t2 > 0) {
                        tmp = (short) FixedPoint.divW32W16(t2, denominator);
                    } else {
                        tmp = (short) FixedPoint.divW32W16(-t2, denominator);
                        tmp = (short) -tmp;
                    }
                    tmp = (short) (tmp + 128); // rounding; update factor 0.025
                    ssk = (short) (ssk + (tmp >> 8));
                    if (ssk < MIN_STD) {
                        ssk = MIN_STD;
                    }
                    speechStds[g] = ssk;
                } else {
                    short tmp = (short) (features[band] - (nmk >> 3)); // Q4
                    int t1 = (deltaNoise[g] * tmp) >> 3; // Q12
                    t1 -= 4096;
                    tmp = (short) ((noiseShare[g] + 2) >> 2);
                    int t2 = tmp * t1; // may wrap, as in the reference (OverflowingMulS16ByS32ToS32)
                    t1 = t2 >> 14; // Q20
                    if (t1 > 0) {
                        tmp = (short) FixedPoint.divW32W16(t1, nsk);
                    } else {
                        tmp = (short) FixedPoint.divW32W16(-t1, nsk);
                        tmp = (short) -tmp;
                    }
                    tmp = (short) (tmp + 32);
                    nsk = (short) (nsk + (tmp >> 6)); // Q13 >> 6 = Q7
                    if (nsk < MIN_STD) {
                        nsk = MIN_STD;
                    }
                    noiseStds[g] = nsk;
                }
            }

            // Keep the speech and noise models at least MINIMUM_DIFFERENCE apart.
            noiseGlobalMean = weightedAverage(noiseMeans, band, (short) 0, NOISE_WEIGHTS);
            int speechGlobalMean = weightedAverage(speechMeans, band, (short) 0, SPEECH_WEIGHTS);
            short diff = (short) ((short) (speechGlobalMean >> 9) - (short) (noiseGlobalMean >> 9)); // Q5
            if (diff < MINIMUM_DIFFERENCE[band]) {
                short gap = (short) (MINIMUM_DIFFERENCE[band] - diff);
                short speechShift = (short) ((13 * gap) >> 2); // ~0.8 of the gap, Q7
                short noiseShift = (short) ((3 * gap) >> 2); // ~0.2
                speechGlobalMean = weightedAverage(speechMeans, band, speechShift, SPEECH_WEIGHTS);
                noiseGlobalMean = weightedAverage(noiseMeans, band, (short) -noiseShift, NOISE_WEIGHTS);
            }

            // Keep the means from drifting too high.
            maxSpeech = MAXIMUM_SPEECH[band];
            short excess = (short) (speechGlobalMean >> 7);
            if (excess > maxSpeech) {
                excess = (short) (excess - maxSpeech);
                for (int k = 0; k < GAUSSIANS; k++) {
                    speechMeans[band + k * BANDS] = (short) (speechMeans[band + k * BANDS] - excess);
                }
            }
            excess = (short) (noiseGlobalMean >> 7);
            if (excess > MAXIMUM_NOISE[band]) {
                excess = (short) (excess - MAXIMUM_NOISE[band]);
                for (int k = 0; k < GAUSSIANS; k++) {
                    noiseMeans[band + k * BANDS] = (short) (noiseMeans[band + k * BANDS] - excess);
                }
            }
        }
    }

    private int applyHangover(int speech) {
        if (speech == 0) {
            if (hangover > 0) {
                speech = 2 + hangover;
                hangover--;
            }
            speechRun = 0;
        } else {
            speechRun++;
            if (speechRun > MAX_SPEECH_FRAMES) {
                speechRun = MAX_SPEECH_FRAMES;
                hangover = mode.longHangover;
            } else {
                hangover = mode.shortHangover;
            }
        }
        return speech;
    }

    /** WeightedAverage: adds {@code offset} to both Gaussians' means of a band, returns their weighted sum (Q14). */
    private static int weightedAverage(short[] means, int band, short offset, short[] weights) {
        int sum = 0;
        for (int k = 0; k < GAUSSIANS; k++) {
            int g = band + k * BANDS;
            means[g] = (short) (means[g] + offset);
            sum += means[g] * weights[g];
        }
        return sum;
    }

    /**
     * WebRtcVad_GaussianProbability: (1/s)·exp(-(x-m)²/(2s²)) in Q20 for x in Q4 and m, s in Q7, with exp
     * computed as a shifted 2^x. Leaves (x-m)/s² (Q11), which the model update needs, in {@link #lastDelta}.
     */
    private int gaussianProbability(short input, short mean, short std) {
        int tmp32 = 131072 + (std >> 1); // 1 in Q17, rounded
        short invStd = (short) FixedPoint.divW32W16(tmp32, std); // Q10
        short tmp16 = (short) (invStd >> 2); // Q8
        short invStd2 = (short) ((tmp16 * tmp16) >> 2); // Q14
        tmp16 = (short) (input << 3); // Q7
        tmp16 = (short) (tmp16 - mean);
        short delta = (short) ((invStd2 * tmp16) >> 10); // Q11
        lastDelta = delta;
        tmp32 = (delta * tmp16) >> 9; // Q10
        short expValue = 0;
        if (tmp32 < COMP_VAR) {
            tmp16 = (short) ((LOG2_EXP * (short) tmp32) >> 12); // Q10
            tmp16 = (short) -tmp16;
            expValue = (short) (0x0400 | (tmp16 & 0x03FF));
            tmp16 = (short) (tmp16 ^ 0xFFFF);
            tmp16 = (short) (tmp16 >> 10);
            tmp16 = (short) (tmp16 + 1);
            // Java masks the shift count to 5 bits, as x86 does for the reference's (undefined) large shifts.
            expValue = (short) (expValue >> tmp16);
        }
        return invStd * expValue; // Q20
    }
}
