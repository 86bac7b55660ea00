package io.callsight.nlp.training;

import io.callsight.nlp.classify.ModelStore;
import io.callsight.nlp.classify.TfidfLinearModel;
import io.callsight.nlp.insights.ModelRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The demo tenants' NLU models, so the demo shows intents and sentiment: each tenant's intent classifier from its
 * YAML file, and the shared English sentiment model ({@code _shared/sentiment-en}) from SST-2 + UCI, both picked
 * as {@code --model auto} picks (softmax heads on the pretrained sentence encoder when it is installed). Trained on
 * first use (about three minutes, nearly all of it sentiment), then reused: training is skipped while the data
 * and settings are unchanged.
 */
public final class DemoNluModels {
    /** The task directory of the shared English sentiment model under {@link ModelRegistry#SHARED}. */
    public static final String SHARED_SENTIMENT = "sentiment-en";
    /** A few dozen examples per demo tenant: more epochs than the default, still well under a second each. */
    static final int DEMO_INTENT_EPOCHS = 30;

    private DemoNluModels() {}

    /**
     * Trains into {@code modelsDir} what is missing or stale: the intents of every tenant with a {@code .yml} file in
     * {@code intentFilesDir}, and the shared sentiment model. {@code out} gets one line per model, and the
     * trainer's progress while the sentiment model trains for the first time.
     */
    public static void ensureTrained(Path intentFilesDir, Path modelsDir, PrintStream out) throws IOException {
        DjlDefaults.apply();
        NluTraining.useAllCoresForEncoding();
        ModelStore store = new ModelStore(modelsDir);
        List<Path> files;
        try (Stream<Path> s = Files.list(intentFilesDir)) {
            files = s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
        for (Path file : files) {
            String tenant = ModelTraining.declaredTenant(file);
            ModelTraining.TrainingData data = ModelTraining.load(file, 1);
            TrainResult o = ModelTraining.trainOrReuse(store, tenant, ModelRegistry.INTENTS, data,
                    NluTraining.defaults("intents").withEpochs(DEMO_INTENT_EPOCHS), NluTraining.encoderFor(ModelKind.AUTO, "intents", data, out),
                    TfidfLinearModel.Params.defaults(), false, quiet());
            out.printf("intents of %-16s %s (%s)%n", tenant, o.versionDir().getFileName(), o.trained() ? "trained" : "up to date");
        }
        boolean fresh = store.current(ModelRegistry.SHARED, SHARED_SENTIMENT).isEmpty();
        if (fresh) {
            out.println("training the shared English sentiment model on SST-2 + UCI (once, about 3 minutes)...");
        }
        ModelTraining.TrainingData corpus = NluTraining.corpus("en");
        TrainResult s = ModelTraining.trainOrReuse(store, ModelRegistry.SHARED, SHARED_SENTIMENT, corpus,
                NluTraining.defaults("sentiment"), NluTraining.encoderFor(ModelKind.AUTO, "sentiment", corpus, out),
                TfidfLinearModel.Params.defaults(), false, fresh ? out : quiet());
        out.printf("sentiment (shared, en)     %s (%s)%n", s.versionDir().getFileName(), s.trained() ? "trained" : "up to date");
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }
}
