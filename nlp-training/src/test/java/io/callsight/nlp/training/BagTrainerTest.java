package io.callsight.nlp.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callsight.nlp.classify.HashedBagModel;
import io.callsight.nlp.classify.Pooling;
import io.callsight.nlp.data.Datasets;
import io.callsight.nlp.data.Example;
import io.callsight.nlp.eval.Evaluator;
import io.callsight.nlp.sentiment.Sentiment;
import io.callsight.nlp.sentiment.SentimentAnalyzer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BagTrainerTest {
    static Path fixture(String name) throws Exception {
        return Path.of(BagTrainerTest.class.getResource("/ml/" + name).toURI());
    }

    static BagTrainer.Config small() {
        return BagTrainer.Config.defaults().withEpochs(25).withBatch(16).withLearningRate(0.02f).withDim(32);
    }

    @BeforeAll
    static void oneThread() {
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }

    /** 6 intents × 15 examples: DJL trains, Java inference reproduces DJL to 1e-4, held-out accuracy far above chance. */
    @Test
    void trainsTheFixtureAndJavaMatchesDjl(@TempDir Path tmp) throws Exception {
        List<Example> train = Datasets.read(fixture("intents_train.csv"));
        List<Example> test = Datasets.read(fixture("intents_test.csv"));
        List<String> labels = Datasets.labels(train);
        assertEquals(6, labels.size());
        BagTrainer.Result r = BagTrainer.train(labels, Datasets.texts(train), Datasets.indices(train, labels), small(), System.out);
        assertTrue(r.javaVsDjlMaxAbsDiff() <= 1e-4, "java vs djl " + r.javaVsDjlMaxAbsDiff());
        double acc = Evaluator.evaluate(r.model(), test).accuracy();
        assertTrue(acc >= 0.8, "held-out accuracy " + acc + " (chance 0.17)");
        r.model().save(tmp);
        HashedBagModel back = HashedBagModel.load(tmp);
        for (Example e : test) {
            assertArrayEquals(r.model().logits(e.text()), back.logits(e.text()), 0f);
        }
        assertEquals("cancel_service", back.predict("please cancel my subscription").label());
    }

    /** TF-IDF pooling and a 2-member ensemble merged into one model: DJL parity, round trip, same accuracy class. */
    @Test
    void tfidfPooledEnsembleMatchesDjlAndRoundTrips(@TempDir Path tmp) throws Exception {
        List<Example> train = Datasets.read(fixture("intents_train.csv"));
        List<Example> test = Datasets.read(fixture("intents_test.csv"));
        List<String> labels = Datasets.labels(train);
        BagTrainer.Config cfg = small().withPooling(Pooling.TFIDF).withEmbeddingSgd(1f).withMembers(2);
        BagTrainer.Result r = BagTrainer.train(labels, Datasets.texts(train), Datasets.indices(train, labels), cfg, null);
        assertTrue(r.javaVsDjlMaxAbsDiff() <= 1e-4, "java vs djl " + r.javaVsDjlMaxAbsDiff());
        assertEquals(2 * cfg.dim(), r.model().dim());
        assertEquals(Pooling.TFIDF, r.model().pooling());
        double acc = Evaluator.evaluate(r.model(), test).accuracy();
        assertTrue(acc >= 0.8, "held-out accuracy " + acc);
        r.model().save(tmp);
        HashedBagModel back = HashedBagModel.load(tmp);
        assertEquals(Pooling.TFIDF, back.pooling());
        for (Example e : test) {
            assertArrayEquals(r.model().logits(e.text()), back.logits(e.text()), 0f);
        }
    }

    /** NB-weighted TF-IDF pooling, 2 members: DJL parity, the weights survive the (unchanged) file format. */
    @Test
    void nbWeightedEnsembleMatchesDjlAndRoundTrips(@TempDir Path tmp) throws Exception {
        List<Example> train = Datasets.read(fixture("intents_train.csv"));
        List<Example> test = Datasets.read(fixture("intents_test.csv"));
        List<String> labels = Datasets.labels(train);
        BagTrainer.Config cfg = small().withPooling(Pooling.TFIDF_OOV).withNbWeighting(0.3f).withMembers(2);
        BagTrainer.Result r = BagTrainer.train(labels, Datasets.texts(train), Datasets.indices(train, labels), cfg, null);
        assertTrue(r.javaVsDjlMaxAbsDiff() <= 1e-4, "java vs djl " + r.javaVsDjlMaxAbsDiff());
        double acc = Evaluator.evaluate(r.model(), test).accuracy();
        assertTrue(acc >= 0.8, "held-out accuracy " + acc);
        r.model().save(tmp);
        HashedBagModel back = HashedBagModel.load(tmp);
        for (Example e : test) {
            assertArrayEquals(r.model().logits(e.text()), back.logits(e.text()), 0f);
        }
    }

    @Test
    void tfidfPoolingIsSublinearAndUnitNorm() {
        float[] idf = {1f, 2f, 3f};
        float[] w = HashedBagModel.poolingWeights(new int[] {1, 2, 1}, 3, idf, Pooling.TFIDF);
        double v1 = (1 + Math.log(2)) * 2, v2 = 3, norm = Math.sqrt(v1 * v1 + v2 * v2);
        assertEquals(v1 / 2 / norm, w[0], 1e-6);
        assertEquals(v2 / norm, w[1], 1e-6);
        assertEquals(w[0], w[2], 0f);
        assertEquals(0, HashedBagModel.poolingWeights(new int[0], 0, idf, Pooling.TFIDF).length);
        // rows whose (NB) weight is 0 pool to nothing rather than NaN
        assertArrayEquals(new float[2], HashedBagModel.poolingWeights(new int[] {0, 0}, 2, new float[] {0f}, Pooling.TFIDF), 0f);
        // TFIDF_OOV: 2 unseen n-grams at idf 3 lengthen the norm; plain TFIDF ignores them
        float[] open = HashedBagModel.poolingWeights(new int[] {1, 2, 1}, 3, idf, Pooling.TFIDF_OOV, 2 * 9.0);
        double openNorm = Math.sqrt(v1 * v1 + v2 * v2 + 18);
        assertEquals(v2 / openNorm, open[1], 1e-6);
        assertArrayEquals(w, HashedBagModel.poolingWeights(new int[] {1, 2, 1}, 3, idf, Pooling.TFIDF, 18.0), 0f);
    }

    @Test
    void sentimentScoreIsSignedAndBounded() {
        List<Example> data = new ArrayList<>();
        String[] pos = {"great service thank you", "wonderful and helpful agent", "i love it", "excellent support", "very good",
            "happy with the result", "fantastic help", "the agent was great", "good job", "nice and friendly"};
        String[] neg = {"terrible service", "awful and rude agent", "i hate it", "horrible support", "very bad",
            "unhappy with the result", "useless help", "the agent was rude", "bad job", "slow and unfriendly"};
        for (int i = 0; i < pos.length; i++) {
            data.add(new Example(pos[i], "positive"));
            data.add(new Example(neg[i], "negative"));
        }
        List<String> labels = Datasets.labels(data);
        BagTrainer.Result r = BagTrainer.train(labels, Datasets.texts(data), Datasets.indices(data, labels), small(), null);
        SentimentAnalyzer s = new SentimentAnalyzer(r.model(), 0);
        Sentiment good = s.analyze("great and friendly agent"), bad = s.analyze("rude and terrible");
        assertEquals("positive", good.label());
        assertEquals("negative", bad.label());
        assertTrue(good.score() > 0 && good.score() <= 1 && bad.score() < 0 && bad.score() >= -1);
    }

    @Test
    void usedBucketsKeepsFrequentOnesSorted() {
        int[] count = {0, 5, 1, 3, 0, 9};
        assertArrayEquals(new int[] {1, 2, 3, 5}, BagTrainer.usedBuckets(count, 1, 10));
        assertArrayEquals(new int[] {1, 3, 5}, BagTrainer.usedBuckets(count, 2, 10));
        assertArrayEquals(new int[] {1, 5}, BagTrainer.usedBuckets(count, 1, 2));
    }
}
