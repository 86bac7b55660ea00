package io.callsight.nlp.insights;

import io.callsight.nlp.classify.TextClassifier;
import java.nio.file.Path;

/** A model version in memory: where it came from ({@code dir}), its label for reports ({@code version}), the model. */
public record LoadedModel(Path dir, String version, TextClassifier classifier) {
}
