package io.callsight.asr.vad;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Detection of synthetic voiced speech in silence and in white, pink and hum noise at several SNRs. */
class VadSyntheticDetectionTest {
    private static final int RATE = 8000;

    private static VadScene scene(int rate) {
        List<double[]> utterances = new ArrayList<>();
        double[] f0s = {100, 130, 180, 220, 250, 150};
        for (int i = 0; i < f0s.length; i++) {
            int ms = 600 + 250 * (i % 4);
            utterances.add(VadSignals.speechLike(rate, rate * ms / 1000, f0s[i], 6000, i));
        }
        return VadScene.of(rate, utterances, 1500);
    }

    private static Map<String, double[]> noises(int rate, int samples) {
        return Map.of("white", VadSignals.white(samples, 7), "pink", VadSignals.pink(samples, 8),
                "hum", VadSignals.hum(rate, samples));
    }

    @Test
    void cleanSpeechInSilenceIsCoveredAndSilenceIsDropped() {
        for (int rate : new int[] {8000, 16000}) {
            VadScene scene = scene(rate);
            for (VadMode mode : VadMode.values()) {
                VadScene.Score score = scene.score(scene.withNoise(null, Double.POSITIVE_INFINITY),
                        VadConfig.defaults().withMode(mode));
                System.out.printf("clean %d Hz %-16s %s%n", rate, mode, score);
                assertTrue(score.coverage() >= 0.95, mode + " " + score);
                assertTrue(score.segmentFalseAlarm() <= 0.01, mode + " " + score);
            }
        }
    }

    @Test
    void speechInNoiseIsCoveredAtTenAndZeroDb() {
        VadScene scene = scene(RATE);
        for (var noise : noises(RATE, scene.clean.length).entrySet()) {
            for (double snr : new double[] {20, 10, 0}) {
                short[] pcm = scene.withNoise(noise.getValue(), snr);
                for (VadMode mode : VadMode.values()) {
                    VadScene.Score score = scene.score(pcm, VadConfig.defaults().withMode(mode));
                    System.out.printf("%-5s %3.0f dB %-16s %s%n", noise.getKey(), snr, mode, score);
                }
                VadScene.Score defaults = scene.score(pcm, VadConfig.defaults());
                if (snr >= 10) {
                    assertTrue(defaults.coverage() >= 0.95, noise.getKey() + " " + snr + " dB: " + defaults);
                }
            }
        }
    }
}
