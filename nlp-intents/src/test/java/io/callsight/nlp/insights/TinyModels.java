package io.callsight.nlp.insights;

import io.callsight.nlp.classify.FeatureConfig;
import io.callsight.nlp.classify.HashedBagModel;
import io.callsight.nlp.classify.Manifest;
import io.callsight.nlp.classify.ModelStore;
import io.callsight.nlp.classify.NgramFeaturizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hand-built intent models for tests (no DJL, milliseconds): each cue word votes for its label; text without a
 * cue word is out of scope. The weights are what a trained model of the same shape would learn for such data.
 */
final class TinyModels {
    static final FeatureConfig WORDS_ONLY = new FeatureConfig(1, 2, 1, 0, false, 256);
    static final int BUCKETS = 1 << 12;

    private TinyModels() {
    }

    /** @param cues word → label; labels are taken in order of first appearance */
    static HashedBagModel model(Map<String, String> cues) {
        List<String> labels = new ArrayList<>();
        cues.values().forEach(l -> {
            if (!labels.contains(l)) {
                labels.add(l);
            }
        });
        NgramFeaturizer f = new NgramFeaturizer(WORDS_ONLY);
        TreeMap<Integer, String> byBucket = new TreeMap<>();
        cues.forEach((word, label) -> byBucket.put(NgramFeaturizer.bucket(f.features(word)[0], BUCKETS), label));
        int dim = labels.size();
        int[] used = byBucket.keySet().stream().mapToInt(Integer::intValue).toArray();
        float[] embedding = new float[used.length * dim];
        int row = 0;
        for (String label : byBucket.values()) {
            embedding[row++ * dim + labels.indexOf(label)] = 1;
        }
        float[] weight = new float[dim * dim];
        for (int d = 0; d < dim; d++) {
            weight[d * dim + d] = 10;
        }
        HashedBagModel m = new HashedBagModel(labels, WORDS_ONLY, BUCKETS, used, dim, embedding, weight, new float[dim]);
        m.setCalibration(1, 0.6);
        return m;
    }

    /** Writes the model as the next version of {@code tenant/task}, makes it current, returns its version. */
    static String write(ModelStore store, String tenant, String task, Map<String, String> cues) throws IOException {
        Path dir = store.nextVersion(tenant, task);
        model(cues).save(dir);
        String version = dir.getFileName().toString();
        ModelStore.writeManifest(dir, new Manifest(tenant, task, version, "en", "test", "2026-01-01T00:00:00Z",
                HashedBagModel.KIND, Map.of(), Map.of()));
        store.setCurrent(tenant, task, version);
        return version;
    }

    static Map<String, String> sentimentCues() {
        return Map.of("great", "positive", "thanks", "positive", "terrible", "negative", "angry", "negative");
    }
}
