package io.callsight.nlp.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationTest {
    @Test
    void temperatureScalingRecoversTheGeneratingTemperature() {
        // labels sampled from softmax(z / 2.5): fitting on logits z should find T ≈ 2.5
        Random r = new Random(3);
        List<float[]> logits = new ArrayList<>();
        int n = 4000;
        int[] gold = new int[n];
        for (int i = 0; i < n; i++) {
            float[] z = new float[5];
            for (int k = 0; k < 5; k++) {
                z[k] = (float) (r.nextGaussian() * 4);
            }
            double[] p = Calibration.softmax(z, 2.5);
            double u = r.nextDouble(), c = 0;
            int y = 4;
            for (int k = 0; k < 5; k++) {
                c += p[k];
                if (u < c) {
                    y = k;
                    break;
                }
            }
            logits.add(z);
            gold[i] = y;
        }
        double t = Calibration.fitTemperature(logits, gold);
        assertEquals(2.5, t, 0.25);
        assertTrue(Calibration.ece(logits, gold, t) < Calibration.ece(logits, gold, 1));
    }

    @Test
    void oosThresholdSeparatesConfidentFromFlatPredictions() {
        List<float[]> logits = new ArrayList<>();
        List<Integer> gold = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            logits.add(new float[] {5, 0, 0});
            gold.add(0);
            logits.add(new float[] {0.2f, 0.1f, 0});
            gold.add(-1);
        }
        double th = Calibration.tuneOosThreshold(logits, gold.stream().mapToInt(Integer::intValue).toArray(), 1);
        assertTrue(th > 0.34 && th <= 0.98, "threshold " + th); // flat rows have max-probability 0.367
        Prediction p = Calibration.decide(List.of("a", "b", "c"), new float[] {0.2f, 0.1f, 0}, 1, th);
        assertTrue(p.outOfScope());
        assertEquals(TextClassifier.OUT_OF_SCOPE, p.label());
        assertEquals("a", p.bestLabel());
        assertEquals("a", Calibration.decide(List.of("a", "b", "c"), new float[] {5, 0, 0}, 1, th).label());
    }

    @Test
    void theOutOfScopeClassIsARejectionWhateverItsConfidence() {
        Prediction p = Calibration.decide(List.of("balance", TextClassifier.OUT_OF_SCOPE), new float[] {0, 9}, 1, 0);
        assertTrue(p.outOfScope());
        assertEquals(TextClassifier.OUT_OF_SCOPE, p.label());
        assertTrue(p.confidence() > 0.99);
        assertTrue(!Calibration.decide(List.of("balance", TextClassifier.OUT_OF_SCOPE), new float[] {9, 0}, 1, 0).outOfScope());
    }
}
