package io.callsight.nlp.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.nlp.classify.HashedBagModel;
import io.callsight.nlp.classify.Manifest;
import io.callsight.nlp.classify.ModelStore;
import io.callsight.nlp.classify.TfidfLinearModel;
import io.callsight.nlp.eval.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelTrainingTest {
    /** Train → skip on unchanged data → retrain on changed data → eval writes PNG + HTML. */
    @Test
    void skipsRetrainOnSameDataHashAndVersionsOtherwise(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("intents.csv");
        Files.copy(BagTrainerTest.fixture("intents_train.csv"), data);
        Files.writeString(data, "what's the weather,oos\nplay some jazz,oos\n", StandardOpenOption.APPEND);
        ModelStore store = new ModelStore(tmp.resolve("models"));
        BagTrainer.Config cfg = BagTrainerTest.small().withEpochs(10);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

        ModelTraining.Outcome first = ModelTraining.trainOrReuse(store, "acme", "intents", ModelTraining.load(data, 1), cfg,
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

        ModelTraining.Outcome second = ModelTraining.trainOrReuse(store, "acme", "intents", ModelTraining.load(data, 1), cfg,
                TfidfLinearModel.Params.defaults(), false, quiet);
        assertFalse(second.trained(), "same data hash and parameters must skip training");
        assertEquals(first.versionDir(), second.versionDir());

        Files.writeString(data, "please disconnect my line,cancel_service\n", StandardOpenOption.APPEND);
        ModelTraining.Outcome third = ModelTraining.trainOrReuse(store, "acme", "intents", ModelTraining.load(data, 1), cfg,
                TfidfLinearModel.Params.defaults(), false, quiet);
        assertTrue(third.trained());
        assertEquals("v2", third.manifest().version());
        assertEquals(third.versionDir(), store.current("acme", "intents").orElseThrow());
        HashedBagModel loaded = store.load("acme", "intents");
        assertTrue(loaded.oosThreshold() >= 0 && loaded.temperature() > 0);

        Path report = tmp.resolve("report");
        Metrics em = Eval.run(store, "acme", "intents", BagTrainerTest.fixture("intents_test.csv"), report, quiet);
        assertTrue(em.accuracy() > 0.5, "accuracy " + em.accuracy());
        assertTrue(Files.size(report.resolve("confusion.png")) > 500);
        assertTrue(Files.readString(report.resolve("report.html")).contains("cancel_service"));
    }

    @Test
    void helpTexts() throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            Train.main(new String[] {"--help"});
            Eval.main(new String[] {"--help"});
            io.callsight.nlp.eval.NluBenchmark.main(new String[] {"--help"});
        } finally {
            System.setOut(old);
        }
        String s = buf.toString(StandardCharsets.UTF_8);
        assertTrue(s.contains("train intents|sentiment") && s.contains("eval intents|sentiment") && s.contains("NluBenchmark"));
    }
}
