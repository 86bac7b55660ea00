package io.callsight.nlp.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.nlp.classify.HashedBagModel;
import io.callsight.nlp.classify.Manifest;
import io.callsight.nlp.classify.ModelStore;
import io.callsight.nlp.classify.TextClassifier;
import io.callsight.nlp.classify.TfidfLinearModel;
import io.callsight.nlp.data.Datasets;
import io.callsight.nlp.data.Example;
import io.callsight.nlp.eval.EvalRequest;
import io.callsight.nlp.eval.Metrics;
import io.callsight.nlp.eval.NluEvaluation;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelTrainingTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    /** Train → skip on unchanged data → retrain on changed data → eval writes PNG + HTML. */
    @Test
    void skipsRetrainOnSameDataHashAndVersionsOtherwise(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("intents.csv");
        Files.copy(BagTrainerTest.fixture("intents_train.csv"), data);
        Files.writeString(data, "what's the weather,oos\nplay some jazz,oos\n", StandardOpenOption.APPEND);
        ModelStore store = new ModelStore(tmp.resolve("models"));
        BagTrainer.Config cfg = BagTrainerTest.small().withEpochs(10);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

        TrainResult first = ModelTraining.trainOrReuse(store, "acme", "intents", ModelTraining.load(data, 1), cfg,
                TfidfLinearModel.Params.defaults(), false, quiet);
        assertTrue(first.trained());
        Manifest m = first.manifest();
        assertEquals("v1", m.version());
        assertEquals("intents", m.task());
        assertEquals("en", m.language());
        assertEquals(Datasets.sha256(data), m.dataHash());
        assertTrue(((Map<?, ?>) m.metrics().get("validation")).containsKey("oos_recall"));
        assertTrue(Files.exists(first.versionDir().resolve("weights.bin")));
        assertTrue(Files.exists(first.versionDir().resolve("baseline/weights.bin")));

        TrainResult second = ModelTraining.trainOrReuse(store, "acme", "intents", ModelTraining.load(data, 1), cfg,
                TfidfLinearModel.Params.defaults(), false, quiet);
        assertFalse(second.trained(), "same data hash and parameters must skip training");
        assertEquals(first.versionDir(), second.versionDir());

        Files.writeString(data, "please disconnect my line,cancel_service\n", StandardOpenOption.APPEND);
        TrainResult third = ModelTraining.trainOrReuse(store, "acme", "intents", ModelTraining.load(data, 1), cfg,
                TfidfLinearModel.Params.defaults(), false, quiet);
        assertTrue(third.trained());
        assertEquals("v2", third.manifest().version());
        assertEquals(third.versionDir(), store.current("acme", "intents").orElseThrow());
        TextClassifier loaded = store.load("acme", "intents");
        assertTrue(loaded.oosThreshold() >= 0 && loaded.temperature() > 0);

        Path report = tmp.resolve("report");
        Metrics em = NluEvaluation.evaluate(new EvalRequest("intents", "acme", BagTrainerTest.fixture("intents_test.csv"), store.root(), report),
                quiet).metrics();
        assertTrue(em.accuracy() > 0.5, "accuracy " + em.accuracy());
        assertTrue(Files.size(report.resolve("confusion.png")) > 500);
        assertTrue(Files.readString(report.resolve("report.html")).contains("cancel_service"));
    }

    @Test
    void trainsFromATenantYamlFileWithItsOutOfScopeExamples(@TempDir Path tmp) throws Exception {
        Path yaml = Path.of("src/test/resources/intents/acme-telecom.en.yml");
        ModelTraining.TrainingData data = ModelTraining.load(yaml, 1);
        assertTrue(data.train().stream().anyMatch(e -> e.label().equals("report_lost_card") && e.text().equals("I lost my card")));
        // two out-of-scope examples are too few for a class: they only tune the threshold
        assertTrue(data.validation().stream().filter(e -> e.label().equals(TextClassifier.OUT_OF_SCOPE)).count() == 2);
        assertFalse(data.train().stream().anyMatch(e -> e.label().equals(TextClassifier.OUT_OF_SCOPE)));
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        ModelStore store = new ModelStore(tmp.resolve("models"));
        TrainResult o = ModelTraining.trainOrReuse(store, "acme-telecom", "intents", data,
                BagTrainerTest.small().withEpochs(20), TfidfLinearModel.Params.defaults(), false, quiet);
        TextClassifier model = store.load("acme-telecom", "intents");
        assertEquals("report_lost_card", model.predict("my card was stolen").bestLabel());
        // too few examples to hold any out: calibrated on 5-fold out-of-fold predictions instead of left at T = 1
        assertEquals("5-fold cross-validation", o.manifest().metrics().get("validation_method"));
        Map<?, ?> validation = (Map<?, ?>) o.manifest().metrics().get("validation");
        assertEquals(data.train().size() + data.validation().size(), ((Number) validation.get("examples")).intValue());
        assertTrue(model.temperature() != 1.0, "temperature " + model.temperature());
    }

    @Test
    void unlabeledUtterancesSelfTrainAndAreRecordedInTheManifest(@TempDir Path tmp) throws Exception {
        Path yaml = Path.of("src/test/resources/intents/acme-telecom.en.yml");
        Path unlabeled = tmp.resolve("transcripts.txt");
        Files.writeString(unlabeled, "my card was stolen last night\n\nwhat is my balance this month\nare you open tomorrow\n");
        ModelTraining.TrainingData plain = ModelTraining.load(yaml, 1);
        ModelTraining.TrainingData data = plain.withUnlabeled(unlabeled);
        assertEquals(3, data.unlabeled().size());
        assertFalse(plain.dataHash().equals(data.dataHash()), "the unlabeled utterances are part of the data hash");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        TrainResult o = ModelTraining.trainOrReuse(new ModelStore(tmp.resolve("models")), "acme-telecom", "intents", data,
                BagTrainerTest.small().withEpochs(10), TfidfLinearModel.Params.defaults(), false, quiet);
        assertEquals(3, ((Number) o.manifest().parameters().get("unlabeled_utterances")).intValue());
        Files.writeString(unlabeled, "\n \n");
        assertThrows(IllegalArgumentException.class, () -> plain.withUnlabeled(unlabeled));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> plain.withUnlabeled(tmp.resolve("missing.txt")))
                .getMessage().contains("missing.txt: no such file"));
    }

    @Test
    void anEscalationShareIsCheckedBeforeAnythingTrains(@TempDir Path tmp) {
        for (String[] bad : List.of(new String[] {"cascade", "abc", "not 'abc'"}, new String[] {"cascade", "1.5", "(0, 1]"},
                new String[] {"encoder", "0.2", "a setting of --model cascade"})) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NluTraining.train(TrainRequest.of("intents",
                    "acme-telecom", Path.of("src/test/resources/intents/acme-telecom.en.yml"), tmp)
                    .withModel(ModelKind.of(bad[0]), TrainRequest.parseEscalate(bad[1])), QUIET));
            assertTrue(e.getMessage().contains(bad[2]), e.getMessage());
        }
        assertFalse(Files.exists(tmp.resolve("acme-telecom")), "nothing written");
    }

    @Test
    void aTenantsIntentFileCannotTrainAnotherTenantsModel(@TempDir Path tmp) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NluTraining.train(TrainRequest.of("intents",
                "globex", Path.of("src/test/resources/intents/acme-telecom.en.yml"), tmp), QUIET));
        assertTrue(e.getMessage().contains("'acme-telecom', not 'globex'"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("globex")));
    }

    @Test
    void anInvalidYamlFileFailsWithEveryProblemAndItsLine() {
        Path yaml = Path.of("src/test/resources/intents/invalid.en.yml");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelTraining.load(yaml, 1));
        assertTrue(e.getMessage().contains("invalid.en.yml:2"), e.getMessage()); // language: fr
        assertTrue(e.getMessage().contains("shoe_size"), e.getMessage());
        assertTrue(e.getMessage().contains("callsight intents validate"), e.getMessage());
    }

    @Test
    void enoughOutOfScopeExamplesTrainAClassAndStillTuneTheThreshold() {
        List<Example> all = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            all.add(new Example("balance question " + i, "balance"));
            all.add(new Example("card question " + i, "card"));
        }
        for (int i = 0; i < 20; i++) {
            all.add(new Example("weather chat " + i, i % 2 == 0 ? "oos" : "out_of_scope"));
        }
        ModelTraining.TrainingData d = ModelTraining.split(all, "hash", 1);
        assertEquals(10, d.train().stream().filter(e -> e.label().equals(TextClassifier.OUT_OF_SCOPE)).count());
        assertEquals(10, d.validation().stream().filter(e -> e.label().equals(TextClassifier.OUT_OF_SCOPE)).count());
        assertEquals(List.of("balance", "card", "oos"), Datasets.labels(d.train()));
        assertEquals(120 + 20, d.train().size() + d.validation().size());
    }
}
