package io.callsight.nlp.training;

import io.callsight.nlp.classify.ModelStore;
import io.callsight.nlp.classify.TfidfLinearModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code train intents|sentiment --tenant T --data FILE [--out models] [--epochs N] [--dim D] [--lr X] [--force]}.
 * Sentiment may use {@code --corpus en|zh} instead of {@code --data} to train on the shared SST-2 + UCI (en) or
 * ChnSentiCorp hotel (zh) corpora.
 */
public final class Train {
    static final String HELP = """
            Usage: train intents|sentiment --tenant T --data FILE [options]
              --data FILE      a tenant intent file (.yml/.yaml, validated first), CSV (text,label), TSV
                               (sentence<TAB>label) or JSON (CLINC150 splits, [text,label] list, or [{text,intent}]).
                               Out-of-scope examples (label oos or out_of_scope, or the YAML out_of_scope list): from
                               10 on, half train an out-of-scope class and half tune the confidence threshold;
                               fewer only tune the threshold.
              --corpus en|zh   sentiment only, instead of --data: shared SST-2 train+dev + UCI (en) or ChnSentiCorp hotel (zh)
              --out DIR        model root (default models); writes DIR/<tenant>/<task>/v<n>/ and CURRENT
              --model KIND     encoder: a DJL-trained softmax head on the pretrained sentence encoder of the data's
                               language (bge-small-en-v1.5 / bge-small-zh-v1.5, int8 ONNX from Maven Central;
                               400-480 utterances/s per core, the most accurate); bag: the hashed n-gram embedding
                               bag trained from scratch (any language, ~24,000 utterances/s per core); auto
                               (default): encoder, but bag for Chinese sentiment. ensemble: the encoder head and a bag model
                               voting (bag weight chosen on validation, 0.5 without it): better out-of-scope
                               detection and few-shot accuracy, a little slower. cascade: the bag answers what it
                               is sure of, the encoder model (head or ensemble) the rest: about the encoder's
                               accuracy at several times its speed (see --escalate). The options below tune the bag.
              --escalate SHARE cascade: at most this share of the validation utterances goes to the encoder
                               model (default 0.25; less is faster and leans more on the bag)
              --epochs N       epochs (default 8)     --dim D   embedding dim (default 64)
              --lr X           Adam learning rate of the output layer (default 0.01)   --batch N  (default 64)
              --embedding-lr X SGD rate of the n-gram embedding table (default 1; 0 = lazy Adam at --lr)
              --members K      ensemble of K seeds averaged into one model (default 1)
              --buckets N      hash buckets (default 262144)       --min-count N  (default 1)
              --dropout X      dropout on the pooled vector (default 0.1)
              --nb ALPHA       NB log-count-ratio n-gram weighting, add-ALPHA smoothed (default 0 = off)
              --unlabeled FILE intents: utterances without labels, one per line (e.g. exported customer lines); the
                               model labels those it is surest of and retrains on them, 3 rounds (self-training)
              --teacher encoder with --unlabeled: train the bag model (the default then) on the labeled examples plus
                               the unlabeled utterances an encoder head labels (confidence >= 0.5): about the
                               encoder's accuracy at the bag's speed (CLINC150, 10 examples per intent + 13,590
                               unlabeled: 87.0 % vs the self-trained encoder's 87.3 %, at 24,000 utterances/s)
              --force          retrain even if the data hash and parameters are unchanged
            Progress shows encoding, epoch, loss and training accuracy. DJL/PyTorch trains on 1 CPU thread; the
            sentence encoder uses every core (-Dcallsight.encoder.threads=N to change).""";

    /** The share of validation utterances {@code --model cascade} may send to the encoder model by default. */
    public static final double DEFAULT_ESCALATE_SHARE = 0.25;

    private Train() {}

    public static void main(String[] args) throws Exception {
        useAllCoresForEncoding();
        Cli cli = new Cli(args, List.of("force", "help"));
        if (cli.has("help") || cli.command == null) {
            System.out.println(HELP);
            return;
        }
        if (!cli.command.equals("intents") && !cli.command.equals("sentiment")) {
            throw new IllegalArgumentException("unknown task " + cli.command + " (intents or sentiment)");
        }
        BagTrainer.Config cfg = defaults(cli.command);
        cfg = cfg.withEpochs(Integer.parseInt(cli.get("epochs", "" + cfg.epochs())))
                .withDim(Integer.parseInt(cli.get("dim", "" + cfg.dim())))
                .withLearningRate(Float.parseFloat(cli.get("lr", "" + cfg.learningRate())))
                .withBatch(Integer.parseInt(cli.get("batch", "" + cfg.batch())))
                .withDropout(Float.parseFloat(cli.get("dropout", "" + cfg.dropout())), cfg.featureDropout())
                .withRows(Integer.parseInt(cli.get("min-count", "" + cfg.minCount())), cfg.maxRows());
        cfg = cfg.withBuckets(Integer.parseInt(cli.get("buckets", "" + cfg.buckets())))
                .withMembers(Integer.parseInt(cli.get("members", "" + cfg.members())))
                .withEmbeddingSgd(Float.parseFloat(cli.get("embedding-lr", "" + cfg.embeddingSgdLr())))
                .withNbWeighting(Float.parseFloat(cli.get("nb", "" + cfg.nbAlpha())));
        ModelTraining.TrainingData data;
        if (cli.has("corpus")) {
            data = corpus(cli.get("corpus", "en"));
        } else {
            Path file = Path.of(cli.require("data"));
            data = ModelTraining.load(file, 1);
            String declared = ModelTraining.declaredTenant(file);
            if (declared != null && !declared.equals(cli.require("tenant"))) {
                throw new IllegalArgumentException(file + " defines intents for tenant '" + declared + "', not '"
                        + cli.require("tenant") + "': one tenant's intents never train another's model");
            }
        }
        if (cli.has("unlabeled")) {
            data = data.withUnlabeled(Path.of(cli.get("unlabeled", null)));
        }
        EncoderHeadTrainer.Config teacher = null;
        if (cli.has("teacher")) {
            if (!cli.get("teacher", "").equals("encoder")) {
                throw new IllegalArgumentException("unknown --teacher " + cli.get("teacher", "") + " (encoder)");
            }
            teacher = EncoderHeadTrainer.Config.defaults();
        }
        EncoderHeadTrainer.Config encoder = modelKind(cli.get("model", teacher != null ? "bag" : "auto"), cli.command, data, System.out);
        if (cli.has("escalate")) {
            if (encoder == null || !encoder.cascade()) {
                throw new IllegalArgumentException("--escalate is a setting of --model cascade");
            }
            String share = cli.get("escalate", null);
            try {
                encoder = encoder.withCascade(Double.parseDouble(share));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--escalate takes a share of the utterances in (0, 1], e.g. 0.25, not '" + share + "'");
            }
        }
        ModelTraining.trainOrReuse(new ModelStore(Path.of(cli.get("out", "models"))), cli.require("tenant"), cli.command, data, cfg,
                encoder, teacher, TfidfLinearModel.Params.defaults(), cli.has("force"), System.out);
    }

    /**
     * Training is a batch job: unless {@code -Dcallsight.encoder.threads} says otherwise, the sentence encoder gets
     * every core (a streaming job gives it one thread per task slot).
     */
    public static void useAllCoresForEncoding() {
        BagTrainer.setDefault("callsight.encoder.threads", "" + Runtime.getRuntime().availableProcessors());
    }

    /**
     * {@code --model}: the encoder-head settings (the encoder of the data's language), or null for the bag model.
     * {@code auto} takes the encoder when it is installed, except for Chinese sentiment, where the bag does better.
     */
    public static EncoderHeadTrainer.Config modelKind(String kind, String task, ModelTraining.TrainingData data, java.io.PrintStream out) {
        String language = ModelStore.guessLanguage(Datasets.texts(data.train()));
        EncoderHeadTrainer.Config encoder = EncoderHeadTrainer.Config.forLanguage(language);
        return switch (kind) {
            case "encoder" -> encoder;
            case "ensemble" -> encoder.withBagWeights(ModelTraining.BAG_WEIGHTS);
            case "cascade" -> encoder.withBagWeights(ModelTraining.BAG_WEIGHTS).withCascade(DEFAULT_ESCALATE_SHARE);
            case "bag" -> null;
            case "auto" -> {
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
            default -> throw new IllegalArgumentException("unknown --model " + kind + " (encoder, ensemble, cascade, bag or auto)");
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
