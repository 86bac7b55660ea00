package io.callsight.nlp.training;

import io.callsight.nlp.encoder.SentenceEncoder;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sentence encoder with memory: training, cross-validation folds, self-training rounds and calibration all see the
 * same texts again, and encoding is what costs (milliseconds per text against microseconds for the head).
 */
public final class Embeddings {
    private final SentenceEncoder encoder;
    private final Map<String, float[]> cache = new ConcurrentHashMap<>();

    public Embeddings(SentenceEncoder encoder) {
        this.encoder = encoder;
    }

    public SentenceEncoder encoder() {
        return encoder;
    }

    /** Embeddings of {@code texts}, encoding the ones not seen before in batches (with a progress bar). */
    public float[][] of(List<String> texts, PrintStream progress) {
        List<String> missing = new ArrayList<>(new LinkedHashSet<>(texts.stream().filter(t -> !cache.containsKey(t)).toList()));
        if (!missing.isEmpty()) {
            float[][] v = encoder.embedAll(missing, progress);
            for (int i = 0; i < v.length; i++) {
                cache.put(missing.get(i), v[i]);
            }
        }
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = cache.get(texts.get(i));
        }
        return out;
    }

    /** One text's embedding, cached. */
    public float[] of(String text) {
        return cache.computeIfAbsent(text, encoder::embed);
    }
}
