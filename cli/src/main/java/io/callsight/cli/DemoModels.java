package io.callsight.cli;

import io.callsight.nlp.classify.ModelStore;
import io.callsight.nlp.classify.TfidfLinearModel;
import io.callsight.nlp.insights.ModelRegistry;
import io.callsight.nlp.training.ModelTraining;
import io.callsight.nlp.training.Train;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The demo tenants' NLU models, so the demo shows intents and sentiment: each tenant's intent classifier from its
 * file in {@code datasets/demo-intents/}, and the shared English sentiment model ({@code _shared/sentiment-en})
 * from SST-2 + UCI, both softmax heads on the pretrained sentence encoder. Trained into the models dir the speech job reads on first use (about three minutes, nearly
 * all of it sentiment), then reused: training is skipped while the data and settings are unchanged.
 */
final class DemoModels {
    static final String SHARED_SENTIMENT = "sentiment-en";

    private DemoModels() {
    }

    static Path intentFiles() {
        return DemoCalls.scriptsDir().resolveSibling("demo-intents");
    }

    static Path modelsDir() {
        return Path.of(System.getProperty("callsight.root", ".")).resolve("models");
    }

    /** Trains what is missing or stale; {@code out} gets one line per model (and the trainer's progress). */
    static void ensureTrained(PrintStream out) throws IOException {
        Train.useAllCoresForEncoding();
        ModelStore store = new ModelStore(modelsDir());
        List<Path> files;
        try (Stream<Path> s = Files.list(intentFiles())) {
            files = s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
        for (Path file : files) {
            String tenant = ModelTraining.declaredTenant(file);
            // a few dozen examples per tenant: more epochs than the default, still well under a second each
            ModelTraining.TrainingData data = ModelTraining.load(file, 1);
            ModelTraining.Outcome o = ModelTraining.trainOrReuse(store, tenant, ModelRegistry.INTENTS, data,
                    Train.defaults("intents").withEpochs(30), Train.modelKind("auto", "intents", data, out), TfidfLinearModel.Params.defaults(), false,
                    quiet());
            out.printf("intents of %-16s %s (%s)%n", tenant, o.versionDir().getFileName(), o.trained() ? "trained" : "up to date");
        }
        boolean fresh = store.current(ModelRegistry.SHARED, SHARED_SENTIMENT).isEmpty();
        if (fresh) {
            out.println("training the shared English sentiment model on SST-2 + UCI (once, about 3 minutes)...");
        }
        ModelTraining.TrainingData corpus = Train.corpus("en");
        ModelTraining.Outcome s = ModelTraining.trainOrReuse(store, ModelRegistry.SHARED, SHARED_SENTIMENT, corpus,
                Train.defaults("sentiment"), Train.modelKind("auto", "sentiment", corpus, out), TfidfLinearModel.Params.defaults(), false,
                fresh ? out : quiet());
        out.printf("sentiment (shared, en)     %s (%s)%n", s.versionDir().getFileName(), s.trained() ? "trained" : "up to date");
    }

    private static PrintStream quiet() {
        return new PrintStream(java.io.OutputStream.nullOutputStream());
    }
}
