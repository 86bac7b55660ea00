package io.callsight.nlp.training;

import io.callsight.nlp.classify.Manifest;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a training run left behind: the version directory it wrote or kept, whether it trained ({@code false}: the
 * data hash and parameters matched the current version, which was reused), and that version's manifest.
 */
public record TrainResult(Path versionDir, boolean trained, Manifest manifest) {
    /** Training and validation figures from the manifest (train_seconds, validation, baseline_validation, ...). */
    public Map<String, Object> metrics() {
        return manifest.metrics();
    }
}
