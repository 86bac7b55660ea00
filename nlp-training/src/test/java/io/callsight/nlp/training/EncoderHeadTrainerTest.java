package io.callsight.nlp.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.nlp.classify.CascadeModel;
import io.callsight.nlp.classify.Classifiers;
import io.callsight.nlp.classify.EncoderHeadModel;
import io.callsight.nlp.classify.EnsembleModel;
import io.callsight.nlp.classify.Manifest;
import io.callsight.nlp.classify.ModelStore;
import io.callsight.nlp.classify.TextClassifier;
import io.callsight.nlp.classify.TfidfLinearModel;
import io.callsight.nlp.data.Datasets;
import io.callsight.nlp.data.Example;
import io.callsight.nlp.encoder.SentenceEncoder;
import io.callsight.nlp.eval.Evaluator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The softmax head on the real sentence encoder, trained with DJL/PyTorch. */
class EncoderHeadTrainerTest {
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void fewExamplesPerIntentGeneralizeToUnseenPhrasings(@TempDir Path tmp) throws Exception {
        List<Example> train = Datasets.read(BagTrainerTest.fixture("intents_train.csv"));
        List<Example> test = Datasets.read(BagTrainerTest.fixture("intents_test.csv"));
        List<String> labels = Datasets.labels(train);
        Embeddings emb = new Embeddings(SentenceEncoder.shared(SentenceEncoder.DEFAULT));
        EncoderHeadTrainer.Result r = EncoderHeadTrainer.train(labels, Datasets.texts(train), Datasets.indices(train, labels), List.of(),
                EncoderHeadTrainer.Config.defaults(), emb, null);
        assertTrue(r.javaVsDjlMaxAbsDiff() <= 1e-4);
        double acc = Evaluator.evaluate(r.model(), test).accuracy();
        double chance = 1.0 / labels.size();
        assertTrue(acc >= 0.85 && acc > 4 * chance, "test accuracy " + acc + " (chance " + chance + ")");

        r.model().setCalibration(0.7, 0.2);
        r.model().save(tmp.resolve("m"));
        TextClassifier loaded = Classifiers.load(tmp.resolve("m"));
        assertTrue(loaded instanceof EncoderHeadModel);
        assertEquals(0.7, loaded.temperature(), 1e-9);
        float[] a = r.model().logits("i want to close my account"), b = loaded.logits("i want to close my account");
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-4);
        }
    }

    @Test
    void validationChoosesBetweenTheHeadAloneAndAnEnsembleThatSavesAndLoads(@TempDir Path tmp) throws Exception {
        List<Example> train = Datasets.read(BagTrainerTest.fixture("intents_train.csv"));
        List<Example> val = Datasets.read(BagTrainerTest.fixture("intents_test.csv"));
        List<String> labels = Datasets.labels(train);
        Embeddings emb = new Embeddings(SentenceEncoder.shared(SentenceEncoder.DEFAULT));
        EncoderHeadModel head = EncoderHeadTrainer.train(labels, Datasets.texts(train), Datasets.indices(train, labels), List.of(),
                EncoderHeadTrainer.Config.defaults(), emb, null).model();
        io.callsight.nlp.classify.HashedBagModel bag = BagTrainer.train(labels, Datasets.texts(train), Datasets.indices(train, labels),
                BagTrainerTest.small().withEpochs(20), null).model();
        TextClassifier chosen = ModelTraining.chooseEnsemble(head, bag, val, ModelTraining.BAG_WEIGHTS, null);
        double chosenAcc = Evaluator.evaluate(chosen, val).accuracy();
        assertTrue(chosenAcc >= Evaluator.evaluate(head, val).accuracy(), "never worse than the head alone on validation");
        EnsembleModel e = new EnsembleModel(head, bag, 0.5);
        e.setCalibration(0.8, 0.3);
        e.save(tmp.resolve("v1"));
        TextClassifier loaded = Classifiers.load(tmp.resolve("v1"));
        assertTrue(loaded instanceof EnsembleModel);
        assertEquals(0.8, loaded.temperature(), 1e-9);
        float[] a = e.logits("my card is gone"), b = loaded.logits("my card is gone");
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-4);
        }
        assertThrows(IllegalArgumentException.class, () -> new EnsembleModel(head, BagTrainer.train(List.of("x", "y"), List.of("a", "b"),
                new int[] {0, 1}, BagTrainerTest.small(), null).model(), 0.5), "members with other labels");
    }

    @Test
    void aCascadeLetsTheBagAnswerWhatItIsSureOfAndEscalatesTheRest(@TempDir Path tmp) throws Exception {
        List<Example> train = Datasets.read(BagTrainerTest.fixture("intents_train.csv"));
        List<Example> val = Datasets.read(BagTrainerTest.fixture("intents_test.csv"));
        ModelTraining.TrainingData data = new ModelTraining.TrainingData(train, val, "fixture");
        ModelStore store = new ModelStore(tmp.resolve("models"));
        EncoderHeadTrainer.Config cfg = NluTraining.encoderFor(ModelKind.CASCADE, "intents", data, QUIET).withCascade(0.5);
        TrainResult o = ModelTraining.trainOrReuse(store, "acme", "intents", data, BagTrainerTest.small().withEpochs(20), cfg,
                TfidfLinearModel.Params.defaults(), false, QUIET);
        assertEquals(CascadeModel.KIND, o.manifest().model());
        assertTrue(((Number) o.manifest().metrics().get("cascade_escalated_on_validation")).doubleValue() <= 0.5);

        TextClassifier loaded = store.load("acme", "intents");
        assertTrue(loaded instanceof CascadeModel, "loads by its kind: " + loaded);
        CascadeModel cascade = (CascadeModel) loaded;
        int escalated = 0;
        for (Example e : val) {
            boolean up = cascade.escalates(e.text());
            escalated += up ? 1 : 0;
            String expected = (up ? cascade.escalation() : cascade.bag()).predict(e.text()).bestLabel();
            assertEquals(expected, cascade.predict(e.text()).bestLabel(), "the answering member decides: " + e.text());
        }
        assertTrue(escalated <= val.size() / 2, escalated + " of " + val.size() + " escalated");
        assertTrue(Evaluator.evaluate(cascade, val).accuracy() >= Evaluator.evaluate(cascade.bag(), val).accuracy(),
                "the gates are chosen on validation, where the bag alone was a candidate");

        cascade.save(tmp.resolve("copy"));
        CascadeModel copy = (CascadeModel) Classifiers.load(tmp.resolve("copy"));
        assertEquals(cascade.escalation().getClass(), copy.escalation().getClass());
        assertEquals(cascade.escalation().oosThreshold(), copy.escalation().oosThreshold(), 1e-12);
        for (Example e : val) {
            float[] a = cascade.logits(e.text()), b = copy.logits(e.text());
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-4, e.text());
            }
        }

        ModelTraining.Cascade never = ModelTraining.chooseCascade(cascade.bag(), cascade.escalation(), val, 0);
        assertEquals(0, never.escalated(), 1e-12);
        assertTrue(val.stream().noneMatch(e -> never.model().escalates(e.text())), "no budget: the bag answers everything");
        assertThrows(IllegalArgumentException.class, () -> cfg.withCascade(1.5));
    }

    @Test
    void validationPicksTheWeightDecay() throws Exception {
        List<Example> train = Datasets.read(BagTrainerTest.fixture("intents_train.csv"));
        List<Example> val = Datasets.read(BagTrainerTest.fixture("intents_test.csv"));
        List<String> labels = Datasets.labels(train);
        Embeddings emb = new Embeddings(SentenceEncoder.shared(SentenceEncoder.DEFAULT));
        EncoderHeadTrainer.Config cfg = EncoderHeadTrainer.Config.defaults();
        EncoderHeadTrainer.Result r = EncoderHeadTrainer.train(labels, Datasets.texts(train), Datasets.indices(train, labels), val, cfg,
                emb, null);
        assertTrue(cfg.weightDecays().contains(r.weightDecay()));
        assertEquals(Evaluator.evaluate(r.model(), val).accuracy(), r.validationAccuracy(), 1e-9);
    }

    @Test
    void tenantYamlTrainsAnEncoderHeadThatTheStoreLoads(@TempDir Path tmp) throws Exception {
        Path yaml = Path.of("src/test/resources/intents/acme-telecom.en.yml");
        ModelTraining.TrainingData data = ModelTraining.load(yaml, 1);
        ModelStore store = new ModelStore(tmp.resolve("models"));
        EncoderHeadTrainer.Config auto = NluTraining.encoderFor(ModelKind.AUTO, "intents", data, QUIET);
        assertEquals(EncoderHeadTrainer.Config.defaults(), auto, "English data gets the encoder head");
        TrainResult o = ModelTraining.trainOrReuse(store, "acme-telecom", "intents", data, BagTrainerTest.small(), auto,
                TfidfLinearModel.Params.defaults(), false, QUIET);
        Manifest m = o.manifest();
        assertEquals(EncoderHeadModel.KIND, m.model());
        assertEquals("5-fold cross-validation", m.metrics().get("validation_method"));
        assertEquals(SentenceEncoder.DEFAULT, m.metrics().get("encoder"));
        TextClassifier model = store.load("acme-telecom", "intents");
        assertTrue(model instanceof EncoderHeadModel);
        // none of these words is in the tenant's examples for report_lost_card
        assertEquals("report_lost_card", model.predict("somebody nicked my visa").bestLabel());
        assertTrue(Files.exists(o.versionDir().resolve("baseline/weights.bin")), "the TF-IDF baseline is trained alongside");
        TrainResult again = ModelTraining.trainOrReuse(store, "acme-telecom", "intents", data, BagTrainerTest.small(), auto,
                TfidfLinearModel.Params.defaults(), false, QUIET);
        assertTrue(!again.trained(), "same data and parameters keep the version");

        // --model ensemble: too few examples for a validation split, so head and bag vote at the default weight
        TrainResult ens = ModelTraining.trainOrReuse(store, "acme-telecom", "intents", data, BagTrainerTest.small().withEpochs(20),
                NluTraining.encoderFor(ModelKind.ENSEMBLE, "intents", data, QUIET), TfidfLinearModel.Params.defaults(), false, QUIET);
        assertEquals(EnsembleModel.KIND, ens.manifest().model());
        assertEquals(ModelTraining.DEFAULT_BAG_WEIGHT, ((Number) ens.manifest().metrics().get("bag_weight")).doubleValue(), 1e-9);
        TextClassifier voting = store.load("acme-telecom", "intents");
        assertTrue(voting instanceof EnsembleModel);
        assertTrue(voting.temperature() != 1.0, "the ensemble itself is calibrated by cross-validation");
        EnsembleModel members = (EnsembleModel) voting;
        assertTrue(members.encoder().temperature() != 1.0 && members.bag().temperature() != 1.0, "members are calibrated");
        assertEquals("report_lost_card", voting.predict("somebody nicked my visa").bestLabel());
    }

    @Test
    void anEncoderTeacherTeachesTheBagModelWordsFromUnlabeledTranscripts(@TempDir Path tmp) throws Exception {
        Path yaml = Path.of("src/test/resources/intents/acme-telecom.en.yml");
        Path transcripts = tmp.resolve("transcripts.txt");
        Files.writeString(transcripts, String.join("\n", "somebody nicked my visa", "my purse got nicked with the visa in it",
                "nicked visa, what do i do", "they nicked my visa at the station", "how much cash do i have left",
                "how much cash is left in there", "when do your shops shut", "when does the shop shut on sunday"));
        ModelTraining.TrainingData data = ModelTraining.load(yaml, 1).withUnlabeled(transcripts);
        ModelStore store = new ModelStore(tmp.resolve("models"));
        TrainResult o = ModelTraining.trainOrReuse(store, "acme-telecom", "intents", data, BagTrainerTest.small().withEpochs(20),
                null, EncoderHeadTrainer.Config.defaults(), TfidfLinearModel.Params.defaults(), false, QUIET);
        assertEquals(io.callsight.nlp.classify.HashedBagModel.KIND, o.manifest().model(), "the student is the fast bag model");
        int taught = ((Number) o.manifest().metrics().get("teacher_labeled")).intValue();
        assertTrue(taught >= 6, "teacher labeled " + taught + " of 8");
        TextClassifier student = store.load("acme-telecom", "intents");
        assertEquals("report_lost_card", student.predict("nicked visa").bestLabel());
        assertEquals("opening_hours", student.predict("when do you shut").bestLabel());
        // a teacher needs utterances to label, and teaches only the bag
        ModelTraining.TrainingData plain = ModelTraining.load(yaml, 1);
        var e = assertThrows(IllegalArgumentException.class, () -> ModelTraining.trainOrReuse(store, "acme-telecom", "intents", plain,
                BagTrainerTest.small(), null, EncoderHeadTrainer.Config.defaults(), TfidfLinearModel.Params.defaults(), false, QUIET));
        assertTrue(e.getMessage().contains("--unlabeled"), e.getMessage());
    }

    @Test
    void chineseIntentsGetTheChineseEncoderAndChineseSentimentTheBag(@TempDir Path tmp) throws Exception {
        ModelTraining.TrainingData zh = ModelTraining.load(Path.of("src/test/resources/intents/huaxia-bank.zh.yml"), 1);
        EncoderHeadTrainer.Config auto = NluTraining.encoderFor(ModelKind.AUTO, "intents", zh, QUIET);
        assertEquals(SentenceEncoder.CHINESE, auto.encoder());
        assertEquals(null, NluTraining.encoderFor(ModelKind.AUTO, "sentiment", zh, QUIET), "ChnSentiCorp: the bag beats the Chinese encoder head");
        assertEquals(null, NluTraining.encoderFor(ModelKind.BAG, "intents", zh, QUIET));
        assertThrows(IllegalArgumentException.class, () -> ModelKind.of("gpt"));

        ModelStore store = new ModelStore(tmp.resolve("models"));
        TrainResult o = ModelTraining.trainOrReuse(store, "huaxia-bank", "intents", zh, BagTrainerTest.small(), auto,
                TfidfLinearModel.Params.defaults(), false, QUIET);
        assertEquals(SentenceEncoder.CHINESE, o.manifest().metrics().get("encoder"));
        TextClassifier model = store.load("huaxia-bank", "intents");
        assertTrue(model instanceof EncoderHeadModel m && m.encoderName().equals(SentenceEncoder.CHINESE));
        // accuracy on the tenant's own examples is the floor; the encoder must at least separate them
        List<Example> examples = zh.train();
        long right = examples.stream().filter(e -> model.predict(e.text()).bestLabel().equals(e.label())).count();
        assertTrue(right >= 0.9 * examples.size(), right + " of " + examples.size());
    }
}
