package io.callsight.nlp.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.nlp.classify.CalibratedClassifier;
import io.callsight.nlp.data.Example;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
    /** Logits looked up by text: a fake that makes the expected metrics easy to count by hand. */
    static final class FixedLogits extends CalibratedClassifier {
        private final List<String> labels;
        private final Map<String, float[]> logits;

        FixedLogits(List<String> labels, Map<String, float[]> logits) {
            this.labels = labels;
            this.logits = logits;
        }

        @Override
        public List<String> labels() {
            return labels;
        }

        @Override
        public float[] logits(String text) {
            return logits.get(text);
        }
    }

    private static final FixedLogits WITH_OOS_CLASS = new FixedLogits(List.of("balance", "card", "oos"), Map.of(
            "my balance", new float[] {5, 0, 0},
            "lost card", new float[] {0, 5, 0},
            "card balance", new float[] {3, 2.8f, 0}, // in scope, but barely
            "tell a joke", new float[] {0, 0, 5}, // the out-of-scope class wins
            "sing a song", new float[] {2, 1.9f, 0})); // out of scope, only the threshold can catch it

    private static final List<Example> DATA = List.of(new Example("my balance", "balance"), new Example("lost card", "card"),
            new Example("card balance", "balance"), new Example("tell a joke", "oos"), new Example("sing a song", "oos"));

    @Test
    void theModelsOwnOutOfScopeClassRejectsAndIsNotAnIntentInTheMetrics() {
        WITH_OOS_CLASS.setCalibration(1, 0);
        Metrics m = Evaluator.evaluate(WITH_OOS_CLASS, DATA);
        assertEquals(List.of("balance", "card"), m.labels());
        assertEquals(1.0, m.inScopeAccuracy(), 1e-9);
        assertEquals(0.5, m.oosRecall(), 1e-9); // "tell a joke" by its class; "sing a song" passes without a threshold
    }

    @Test
    void theThresholdIsTunedOnTopOfTheOutOfScopeClass() {
        Evaluator.calibrate(WITH_OOS_CLASS, DATA, true);
        double th = WITH_OOS_CLASS.oosThreshold();
        assertTrue(th > 0, "threshold " + th);
        Metrics m = Evaluator.evaluate(WITH_OOS_CLASS, DATA);
        assertEquals(1.0, m.oosRecall(), 1e-9);
        assertTrue(m.inScopeAccuracy() >= 2 / 3.0 - 1e-9);
    }

    @Test
    void aurocRanksInScopeAboveOutOfScopeWithoutAThreshold() {
        WITH_OOS_CLASS.setCalibration(1, 0);
        // in-scope scores: ~0.99, ~0.99, ~0.52; out-of-scope: ~0.01 (its class holds the mass), ~0.50
        assertEquals(1.0, Evaluator.oosAuroc(WITH_OOS_CLASS, DATA), 1e-9);
        List<Example> swapped = List.of(new Example("my balance", "oos"), new Example("tell a joke", "balance"));
        assertEquals(0.0, Evaluator.oosAuroc(WITH_OOS_CLASS, swapped), 1e-9);
        List<Example> tie = List.of(new Example("my balance", "balance"), new Example("my balance", "oos"));
        assertEquals(0.5, Evaluator.oosAuroc(WITH_OOS_CLASS, tie), 1e-9);
        assertTrue(Double.isNaN(Evaluator.oosAuroc(WITH_OOS_CLASS, DATA.subList(0, 3))));
    }
}
