package io.callsight.nlp.classify;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads a saved classifier of whichever kind its {@code model.json} names. */
public final class Classifiers {
    private Classifiers() {}

    /** What a report calls the model: its kind in a few words. */
    public static String describe(TextClassifier model) {
        if (model instanceof CascadeModel c) {
            return "cascade (bag, then " + describe(c.escalation()) + ")";
        }
        return model instanceof EnsembleModel ? "encoder+bag" : model instanceof EncoderHeadModel ? "encoder head"
                : model instanceof HashedBagModel ? "hashed-bag (DJL)" : model.getClass().getSimpleName();
    }

    public static TextClassifier load(Path dir) throws IOException {
        Path json = dir.resolve("model.json");
        if (!Files.isRegularFile(json)) {
            throw new IOException("no model in " + dir + " (model.json missing)");
        }
        String kind = new ObjectMapper().readTree(json.toFile()).path("kind").asText();
        return switch (kind) {
            case HashedBagModel.KIND -> HashedBagModel.load(dir);
            case EncoderHeadModel.KIND -> EncoderHeadModel.load(dir);
            case EnsembleModel.KIND -> EnsembleModel.load(dir);
            case CascadeModel.KIND -> CascadeModel.load(dir);
            default -> throw new IOException(json + ": unknown model kind '" + kind + "'");
        };
    }
}
