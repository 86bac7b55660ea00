package io.callsight.nlp.insights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.events.Insight;
import io.callsight.events.Track;
import io.callsight.nlp.classify.ModelStore;
import io.callsight.nlp.classify.TfidfLinearModel;
import io.callsight.nlp.eval.OfflineReleaseReport;
import io.callsight.nlp.training.BagTrainer;
import io.callsight.nlp.training.ModelKind;
import io.callsight.nlp.training.ModelTraining;
import io.callsight.nlp.training.NluTraining;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The path a tenant takes for real: `callsight train intents` (DJL, a few seconds on the 90-example fixture)
 * writes v1, a second training run with auto-candidate on becomes the grayscale candidate, and the analyzer and
 * the offline report use both.
 */
class TrainedModelInsightsTest {
    @BeforeAll
    static void oneThread() {
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }

    @Test
    void trainedVersionsServeInsightsAndTheReport(@TempDir Path tmp) throws Exception {
        Path data = Path.of(getClass().getResource("/ml/intents_train.csv").toURI());
        Path test = Path.of(getClass().getResource("/ml/intents_test.csv").toURI());
        ModelStore store = new ModelStore(tmp.resolve("models"));
        BagTrainer.Config cfg = BagTrainer.Config.defaults().withEpochs(25).withBatch(16).withLearningRate(0.02f).withDim(32);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        ModelTraining.trainOrReuse(store, "acme", "intents", ModelTraining.load(data, 1), cfg,
                TfidfLinearModel.Params.defaults(), false, quiet);

        store.setAutoCandidate("acme", "intents", 0.5);
        ModelTraining.trainOrReuse(store, "acme", "intents", ModelTraining.load(data, 2), cfg.withEpochs(20),
                TfidfLinearModel.Params.defaults(), false, quiet);
        assertEquals("v1", store.release("acme", "intents").current());
        assertEquals("v2", store.release("acme", "intents").candidate());

        UtteranceAnalyzer analyzer = new UtteranceAnalyzer(new ModelRegistry(store.root(), 5000));
        int candidate = 0;
        for (int c = 0; c < 40; c++) {
            Insight i = analyzer.analyze("acme", "call-" + c, Track.CUSTOMER, 0,
                    "hi yes i would like to cancel my subscription please").insight();
            assertEquals("cancel_service", i.intent(), i.toString());
            assertEquals(i.variant().equals(Insight.CANDIDATE) ? "v2" : "v1", i.intentModel());
            assertEquals(null, i.intentRoute(), "only a cascade says which member answered");
            candidate += i.variant().equals(Insight.CANDIDATE) ? 1 : 0;
        }
        assertTrue(candidate > 5 && candidate < 35, candidate + " of 40 calls on the candidate at share 0.5");

        List<VariantStats> report = OfflineReleaseReport.run(store, "acme", "intents", test);
        assertEquals(List.of("current", "candidate"), report.stream().map(VariantStats::variant).toList());
        for (VariantStats s : report) {
            assertEquals(Files.readAllLines(test).size() - 1, s.utterances());
            assertTrue(s.accuracy() >= 0.6, s.row());
            System.out.println(s.row());
        }

        String[] texts = {"yes hi i'm calling about my bill it's way higher than last month",
            "my account number is four five six seven eight nine one two", "the internet keeps dropping every evening",
            "i want to cancel my contract if you can't fix this", "okay let me check that for you one moment please"};
        for (int i = 0; i < 1000; i++) {
            analyzer.analyze("acme", "call-" + (i % 50), Track.CUSTOMER, i, texts[i % texts.length]);
        }
        int n = 3000;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            analyzer.analyze("acme", "call-" + (i % 50), Track.CUSTOMER, i, texts[i % texts.length]);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "UtteranceAnalyzer with a trained model: %.0f utterances/s single-thread%n", n / s);
    }

    @Test
    void aCascadeSaysWhichMemberAnsweredEachUtterance(@TempDir Path tmp) throws Exception {
        List<io.callsight.nlp.data.Example> train = io.callsight.nlp.data.Datasets.read(Path.of(getClass().getResource("/ml/intents_train.csv").toURI()));
        List<io.callsight.nlp.data.Example> val = io.callsight.nlp.data.Datasets.read(Path.of(getClass().getResource("/ml/intents_test.csv").toURI()));
        ModelTraining.TrainingData data = new ModelTraining.TrainingData(train, val, "fixture");
        ModelStore store = new ModelStore(tmp.resolve("models"));
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        ModelTraining.trainOrReuse(store, "acme", "intents", data, BagTrainer.Config.defaults().withEpochs(20).withDim(32),
                NluTraining.encoderFor(ModelKind.CASCADE, "intents", data, quiet).withCascade(0.5), null,
                TfidfLinearModel.Params.defaults(), false, quiet);
        io.callsight.nlp.classify.CascadeModel cascade = (io.callsight.nlp.classify.CascadeModel) store.load("acme", "intents");

        UtteranceAnalyzer analyzer = new UtteranceAnalyzer(new ModelRegistry(store.root(), 5000));
        int i = 0;
        for (io.callsight.nlp.data.Example e : val) {
            Insight insight = analyzer.analyze("acme", "call-1", Track.CUSTOMER, i++, e.text()).insight();
            assertEquals(cascade.escalates(e.text()) ? Insight.ROUTE_ENCODER : Insight.ROUTE_BAG, insight.intentRoute(), e.text());
        }
    }
}
