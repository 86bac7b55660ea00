package io.callsight.nlp.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.nlp.classify.FeatureConfig;
import io.callsight.nlp.classify.TextClassifier;
import io.callsight.nlp.classify.TfidfLinearModel;
import io.callsight.nlp.data.Datasets;
import io.callsight.nlp.data.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SelfTrainingTest {
    private static final List<Example> LABELED = List.of(
            new Example("check my balance", "balance"), new Example("what is my balance", "balance"),
            new Example("balance please", "balance"),
            new Example("block my card", "card"), new Example("my card is lost", "card"), new Example("card please", "card"));
    /** Words the labeled set never shows ("savings", "stolen"), next to words it does. */
    private static final List<String> UNLABELED = List.of(
            "balance of my savings account", "my savings account balance", "savings account balance today",
            "card stolen yesterday", "stolen card help", "my stolen card");
    private static final Map<String, String> GOLD = Map.of(
            "balance of my savings account", "balance", "my savings account balance", "balance",
            "savings account balance today", "balance", "card stolen yesterday", "card", "stolen card help", "card",
            "my stolen card", "card");

    private static TfidfLinearModel train(List<Example> ex) {
        List<String> labels = List.of("balance", "card");
        return TfidfLinearModel.train(labels, Datasets.texts(ex), Datasets.indices(ex, labels), FeatureConfig.defaults(),
                TfidfLinearModel.Params.defaults());
    }

    @Test
    void pseudoLabelsTeachWordsTheLabeledExamplesNeverShowed() {
        TextClassifier supervised = train(LABELED);
        SelfTraining.Result<TfidfLinearModel> r = SelfTraining.run(LABELED, UNLABELED, LABELED, SelfTrainingTest::train,
                new SelfTraining.Config(2, 3, 0.5), GOLD, null);
        // "savings account" and "stolen" alone: the supervised model has never seen them
        double before = supervised.probabilities("savings account")[0];
        double after = r.model().probabilities("savings account")[0];
        assertTrue(after > before + 0.1, "P(balance | savings account) " + before + " -> " + after);
        assertEquals("card", r.model().predict("stolen").bestLabel());
        assertEquals(List.of(6, 6), r.pseudoLabelsPerRound());
        assertEquals(1.0, r.precisionPerRound().get(1), 1e-9);
    }

    @Test
    void aTeacherThatKnowsTheNewWordsPassesThemToTheStudent() {
        // the teacher was trained on the unlabeled utterances' true labels: it knows "savings" and "stolen"
        List<Example> all = new ArrayList<>(LABELED);
        GOLD.forEach((t, l) -> all.add(new Example(t, l)));
        TfidfLinearModel teacher = train(all);
        SelfTraining.Result<TfidfLinearModel> r = SelfTraining.teach(teacher, LABELED, UNLABELED, SelfTrainingTest::train, 0.5, GOLD, null);
        assertEquals(List.of(6), r.pseudoLabelsPerRound());
        assertEquals(1.0, r.precisionPerRound().get(0), 1e-9);
        assertEquals("card", r.model().predict("stolen").bestLabel());
        assertTrue(r.model().probabilities("savings")[0] > train(LABELED).probabilities("savings")[0] + 0.1);
        // a teacher sure of nothing teaches nothing: the student is the supervised model
        assertEquals(List.of(0), SelfTraining.teach(teacher, LABELED, UNLABELED, SelfTrainingTest::train, 1.01, GOLD, null)
                .pseudoLabelsPerRound());
    }

    @Test
    void eachLabelTakesOnlyItsMostConfidentUtterancesAboveTheFloor() {
        TextClassifier model = train(LABELED);
        List<Example> one = SelfTraining.pseudoLabels(model, UNLABELED, 1, 0.0);
        assertEquals(2, one.size(), "one per label: " + one);
        assertNotEquals(one.get(0).label(), one.get(1).label());
        assertTrue(SelfTraining.pseudoLabels(model, UNLABELED, 10, 0.999).isEmpty(), "nothing that sure");
    }

    @Test
    void zeroRoundsOrNoUnlabeledTextIsPlainSupervisedTraining() {
        List<Integer> calls = new ArrayList<>();
        SelfTraining.Result<TfidfLinearModel> r = SelfTraining.run(LABELED, List.of("", "  "), LABELED, ex -> {
            calls.add(ex.size());
            return train(ex);
        }, SelfTraining.Config.defaults(), Map.of(), null);
        assertEquals(List.of(LABELED.size()), calls);
        assertTrue(r.pseudoLabelsPerRound().isEmpty());
    }
}
