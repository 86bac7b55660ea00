package io.callsight.nlp.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against the real int8 bge-small-en-v1.5 that the build unpacks from Maven Central. */
class SentenceEncoderTest {
    static double cosine(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s; // both unit length
    }

    @Test
    void paraphrasesLieCloserThanUnrelatedRequests() throws Exception {
        SentenceEncoder enc = SentenceEncoder.shared(SentenceEncoder.DEFAULT);
        assertEquals(384, enc.dim());
        float[] balance = enc.embed("how much money is left in my checking account");
        float[] paraphrase = enc.embed("what's my current balance");
        float[] music = enc.embed("play some jazz in the living room");
        double norm = cosine(balance, balance);
        assertEquals(1.0, norm, 1e-4);
        assertTrue(cosine(balance, paraphrase) > cosine(balance, music) + 0.1,
                cosine(balance, paraphrase) + " vs " + cosine(balance, music));
    }

    @Test
    void batchesWithPaddingGiveTheSameVectorsAsOneByOne() throws Exception {
        SentenceEncoder enc = SentenceEncoder.shared(SentenceEncoder.DEFAULT);
        List<String> texts = List.of("hi", "I would like to dispute a charge on my credit card statement from last week", "",
                "word ".repeat(300));
        float[][] batch = enc.embedAll(texts, null);
        // the int8 model quantizes activations per batch, so batch-mates shift values slightly (cosine ~0.995); a wrong
        // attention mask or pooling position would change the vector, not nudge it
        for (int i = 0; i < texts.size(); i++) {
            double c = cosine(enc.embed(texts.get(i)), batch[i]);
            assertTrue(c > 0.99, "text " + i + ": cosine " + c);
        }
        assertTrue(cosine(batch[0], batch[1]) < 0.95, "different texts stay different");
    }

    @Test
    void cachedEmbeddingIsTheSameVectorComputedOnce() throws Exception {
        SentenceEncoder enc = SentenceEncoder.shared(SentenceEncoder.DEFAULT);
        float[] first = enc.embedCached("okay thank you");
        org.junit.jupiter.api.Assertions.assertSame(first, enc.embedCached("okay thank you"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(enc.embed("okay thank you"), first, 1e-6f);
    }

    @Test
    void missingModelSaysWhereItLookedAndHowToGetIt(@TempDir Path tmp) {
        var e = assertThrows(java.io.IOException.class, () -> SentenceEncoder.open(tmp, 1));
        assertTrue(e.getMessage().contains("model.onnx"), e.getMessage());
        String old = System.getProperty("callsight.encoders");
        System.setProperty("callsight.encoders", tmp.toString());
        try {
            var ise = assertThrows(IllegalStateException.class, () -> SentenceEncoders.locate("nope"));
            assertTrue(ise.getMessage().contains("mvn -DskipTests package"), ise.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty("callsight.encoders");
            } else {
                System.setProperty("callsight.encoders", old);
            }
        }
    }
}
