package io.callsight.tts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Median fundamental frequency by frame-wise normalized autocorrelation. Crude, but enough to tell a
 * ~170 Hz voice from a ~95 Hz one; frames that are quiet or not clearly periodic are left out.
 */
final class PitchEstimator {
    private static final int MIN_HZ = 60;
    private static final int MAX_HZ = 400;
    private static final double FRAME_SECONDS = 0.04;
    private static final double MIN_RMS = 500;
    private static final double MIN_PERIODICITY = 0.6;

    private PitchEstimator() {
    }

    static double medianPitchHz(short[] audio, int sampleRate) {
        int frame = (int) (sampleRate * FRAME_SECONDS);
        int minLag = sampleRate / MAX_HZ;
        int maxLag = sampleRate / MIN_HZ;
        List<Double> pitches = new ArrayList<>();
        for (int start = 0; start + frame + maxLag < audio.length; start += frame / 2) {
            if (rms(audio, start, frame) < MIN_RMS) {
                continue;
            }
            int bestLag = -1;
            double best = MIN_PERIODICITY;
            for (int lag = minLag; lag <= maxLag; lag++) {
                double r = normalizedCorrelation(audio, start, frame, lag);
                if (r > best) {
                    best = r;
                    bestLag = lag;
                }
            }
            if (bestLag > 0) {
                pitches.add((double) sampleRate / bestLag);
            }
        }
        if (pitches.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(pitches);
        return pitches.get(pitches.size() / 2);
    }

    private static double rms(short[] audio, int start, int length) {
        double sum = 0;
        for (int i = start; i < start + length; i++) {
            sum += (double) audio[i] * audio[i];
        }
        return Math.sqrt(sum / length);
    }

    private static double normalizedCorrelation(short[] audio, int start, int length, int lag) {
        double cross = 0;
        double energyA = 0;
        double energyB = 0;
        for (int i = start; i < start + length; i++) {
            double a = audio[i];
            double b = audio[i + lag];
            cross += a * b;
            energyA += a * a;
            energyB += b * b;
        }
        return energyA == 0 || energyB == 0 ? 0 : cross / Math.sqrt(energyA * energyB);
    }
}
