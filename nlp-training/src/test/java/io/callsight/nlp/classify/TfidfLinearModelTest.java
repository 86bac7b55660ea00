package io.callsight.nlp.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.nlp.data.Datasets;
import io.callsight.nlp.data.Example;
import io.callsight.nlp.eval.Evaluator;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfidfLinearModelTest {
    static Path fixture(String name) throws Exception {
        return Path.of(TfidfLinearModelTest.class.getResource("/ml/" + name).toURI());
    }

    @Test
    void baselineLearnsTheFixtureAndRoundTrips(@TempDir Path tmp) throws Exception {
        List<Example> train = Datasets.read(fixture("intents_train.csv"));
        List<Example> test = Datasets.read(fixture("intents_test.csv"));
        List<String> labels = Datasets.labels(train);
        TfidfLinearModel m = TfidfLinearModel.train(labels, Datasets.texts(train), Datasets.indices(train, labels),
                FeatureConfig.defaults(), TfidfLinearModel.Params.defaults());
        double acc = Evaluator.evaluate(m, test).accuracy();
        assertTrue(acc >= 0.8, "baseline accuracy " + acc + " (chance 0.17)");
        m.save(tmp);
        TfidfLinearModel back = TfidfLinearModel.load(tmp);
        assertArrayEquals(m.logits("i want to cancel"), back.logits("i want to cancel"), 1e-6f);
    }
}
