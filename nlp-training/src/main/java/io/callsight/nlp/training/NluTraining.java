package io.callsight.nlp.training;

import io.callsight.nlp.classify.ModelStore;
import io.callsight.nlp.classify.TfidfLinearModel;
import io.callsight.nlp.data.Datasets;
import io.callsight.nlp.data.Example;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains a tenant's intent or sentiment model, the entry point of {@code callsight train intents|sentiment}: builds
 * the bag settings from the task's defaults and the request, loads the data (a tenant's YAML is validated first
 * and must be that tenant's), picks the model kind, and trains, or keeps the current version when the data and
 * settings are unchanged ({@link ModelTraining#trainOrReuse}).
 */
public final class NluTraining {
    /** The share of validation utterances {@code --model cascade} may send to the encoder model by default. */
    public static final double DEFAULT_ESCALATE_SHARE = 0.25;

    private NluTraining() {}

    /** Runs {@code request}; progress (encoding, epochs, loss, training accuracy, what was written) goes to {@code out}. */
    public static TrainResult train(TrainRequest request, PrintStream out) throws IOException {
        DjlDefaults.apply();
        useAllCoresForEncoding();
        BagTrainer.Config cfg = request.bag().applyTo(defaults(request.task()));
        ModelTraining.TrainingData data;
        if (request.corpus() != null) {
            data = corpus(request.corpus());
        } else {
            Path file = request.data();
            data = ModelTraining.load(file, 1);
            String declared = ModelTraining.declaredTenant(file);
            if (declared != null && !declared.equals(request.tenant())) {
                throw new IllegalArgumentException(file + " defines intents for tenant '" + declared + "', not '"
                        + request.tenant() + "': one tenant's intents never train another's model");
            }
        }
        if (request.unlabeled() != null) {
            data = data.withUnlabeled(request.unlabeled());
        }
        EncoderHeadTrainer.Config teacher = request.teacher() != null ? EncoderHeadTrainer.Config.defaults() : null;
        EncoderHeadTrainer.Config encoder = encoderFor(request.model(), request.task(), data, out);
        if (request.escalate() != null) {
            encoder = encoder.withCascade(request.escalate()); // the request made sure the kind is a cascade
        }
        return ModelTraining.trainOrReuse(new ModelStore(request.outDir()), request.tenant(), request.task(), data, cfg, encoder, teacher,
                TfidfLinearModel.Params.defaults(), request.force(), out);
    }

    /**
     * Training is a batch job: unless {@code -Dcallsight.encoder.threads} says otherwise, the sentence encoder gets
     * every core (a streaming job gives it one thread per task slot).
     */
    static void useAllCoresForEncoding() {
        if (System.getProperty("callsight.encoder.threads") == null) {
            System.setProperty("callsight.encoder.threads", "" + Runtime.getRuntime().availableProcessors());
        }
    }

    /**
     * {@code --model}: the encoder-head settings (the encoder of the data's language), or null for the bag model.
     * {@code auto} takes the encoder when it is installed, except for Chinese sentiment, where the bag does better.
     */
    public static EncoderHeadTrainer.Config encoderFor(ModelKind kind, String task, ModelTraining.TrainingData data, PrintStream out) {
        String language = ModelStore.guessLanguage(Datasets.texts(data.train()));
        EncoderHeadTrainer.Config encoder = EncoderHeadTrainer.Config.forLanguage(language);
        return switch (kind) {
            case ENCODER -> encoder;
            case ENSEMBLE -> encoder.withBagWeights(ModelTraining.BAG_WEIGHTS);
            case CASCADE -> encoder.withBagWeights(ModelTraining.BAG_WEIGHTS).withCascade(DEFAULT_ESCALATE_SHARE);
            case BAG -> null;
            case AUTO -> {
                if (language.equals("zh") && task.equals("sentiment")) {
                    yield null; // ChnSentiCorp: bag 91.1 %, Chinese encoder head 88.8 % (long reviews, 128 word pieces)
                }
                if (!io.callsight.nlp.encoder.SentenceEncoders.available(encoder.encoder())) {
                    out.println("sentence encoder " + encoder.encoder() + " not installed (build once with `mvn -DskipTests package`): "
                            + "training the bag model");
                    yield null;
                }
                yield encoder;
            }
        };
    }

    /** The settings {@code train intents|sentiment} uses when no option overrides them. */
    public static BagTrainer.Config defaults(String task) {
        BagTrainer.Config cfg = BagTrainer.Config.defaults();
        return task.equals("sentiment") ? cfg.withDropout(0.3f, 0f).withRows(2, 1 << 17).withEpochs(5).withBatch(128) : cfg;
    }

    /** Shared sentiment corpora as one training set (validation = seeded 5 %). */
    public static ModelTraining.TrainingData corpus(String lang) throws IOException {
        Path d = Datasets.sharedDir();
        List<Example> all = new ArrayList<>();
        if (lang.equals("zh")) {
            all.addAll(Datasets.split(Datasets.chnSentiCorp(d.resolve("chnsenticorp/ChnSentiCorp_htl_all.csv")), 0.2, 2020).get(0));
        } else {
            all.addAll(Datasets.sst2(d.resolve("sst2/train.tsv")));
            all.addAll(Datasets.sst2(d.resolve("sst2/dev.tsv")));
            all.addAll(Datasets.split(Datasets.uci(d.resolve("uci-sentiment")), 0.2, 2015).get(0));
        }
        List<List<Example>> tv = Datasets.split(all, 0.05, 7);
        return new ModelTraining.TrainingData(new ArrayList<>(tv.get(0)), new ArrayList<>(tv.get(1)), Datasets.sha256(all));
    }
}
