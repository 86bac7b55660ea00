package io.callsight.cli;

import io.callsight.asr.noise.SpeechCorpus;
import io.callsight.nlp.training.ModelKind;
import io.callsight.nlp.training.NluTraining;
import io.callsight.nlp.training.TrainRequest;
import io.callsight.training.denoise.TrainDenoiser;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train Callsight's models (DJL + PyTorch on CPU, offline).",
        subcommands = {TrainCommand.Denoiser.class, TrainCommand.Intents.class, TrainCommand.Sentiment.class})
final class TrainCommand implements Runnable {
    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /**
     * The options {@code train intents} and {@code train sentiment} share; null bag settings keep the task's
     * defaults ({@link NluTraining#defaults}), which is why the descriptions give both.
     */
    abstract static class NluTrainingCommand implements Callable<Integer> {
        @Option(names = "--tenant", order = 1, paramLabel = "T", description = "Whose model this is (required).")
        String tenant;

        @Option(names = "--data", order = 2, paramLabel = "FILE", description = {
                "A tenant intent file (.yml/.yaml, validated first), CSV (text,label), TSV (sentence<TAB>label) or JSON "
                        + "(CLINC150 splits, [text,label] list, or [{text,intent}]).",
                "Out-of-scope examples (label oos or out_of_scope, or the YAML out_of_scope list): from 10 on, half train "
                        + "an out-of-scope class and half tune the confidence threshold; fewer only tune the threshold."})
        Path data;

        @Option(names = "--out", order = 4, paramLabel = "DIR", defaultValue = "models",
                description = "Model root (default ${DEFAULT-VALUE}); writes DIR/<tenant>/<task>/v<n>/ and CURRENT.")
        Path out;

        @Option(names = "--model", order = 5, paramLabel = "KIND", converter = ModelKindConverter.class, description = {
                "encoder: a DJL-trained softmax head on the pretrained sentence encoder of the data's language "
                        + "(bge-small-en-v1.5 / bge-small-zh-v1.5, int8 ONNX from Maven Central; 400-480 utterances/s per "
                        + "core, the most accurate); bag: the hashed n-gram embedding bag trained from scratch (any language, "
                        + "~24,000 utterances/s per core); auto (default; bag with --teacher): encoder, but bag for Chinese "
                        + "sentiment. ensemble: the encoder head and a bag model voting (bag weight chosen on validation, 0.5 "
                        + "without it): better out-of-scope detection and few-shot accuracy, a little slower. cascade: the bag "
                        + "answers what it is sure of, the encoder model (head or ensemble) the rest: about the encoder's "
                        + "accuracy at several times its speed (see --escalate). The options below tune the bag."})
        ModelKind model;

        @Option(names = "--escalate", order = 6, paramLabel = "SHARE", converter = EscalateShareConverter.class,
                description = "cascade: at most this share of the validation utterances goes to the encoder model (default "
                        + NluTraining.DEFAULT_ESCALATE_SHARE + "; less is faster and leans more on the bag).")
        Double escalate;

        @Option(names = "--epochs", order = 7, paramLabel = "N", description = "Epochs (default 8; sentiment 5).")
        Integer epochs;

        @Option(names = "--dim", order = 8, paramLabel = "D", description = "Embedding dim (default 64).")
        Integer dim;

        @Option(names = "--lr", order = 9, paramLabel = "X", description = "Adam learning rate of the output layer (default 0.01).")
        Float lr;

        @Option(names = "--batch", order = 10, paramLabel = "N", description = "Batch size (default 64; sentiment 128).")
        Integer batch;

        @Option(names = "--embedding-lr", order = 11, paramLabel = "X",
                description = "SGD rate of the n-gram embedding table (default 1; 0 = lazy Adam at --lr).")
        Float embeddingLr;

        @Option(names = "--members", order = 12, paramLabel = "K", description = "Ensemble of K seeds averaged into one model (default 1).")
        Integer members;

        @Option(names = "--buckets", order = 13, paramLabel = "N", description = "Hash buckets (default 262144).")
        Integer buckets;

        @Option(names = "--min-count", order = 14, paramLabel = "N",
                description = "Hash buckets seen fewer times in the training data get no embedding row (default 1; sentiment 2).")
        Integer minCount;

        @Option(names = "--dropout", order = 15, paramLabel = "X", description = "Dropout on the pooled vector (default 0.1; sentiment 0.3).")
        Float dropout;

        @Option(names = "--nb", order = 16, paramLabel = "ALPHA",
                description = "NB log-count-ratio n-gram weighting, add-ALPHA smoothed (default 0 = off).")
        Float nb;

        @Option(names = "--unlabeled", order = 17, paramLabel = "FILE", description = "Utterances without labels, one per line (e.g. "
                + "exported customer lines); the model labels those it is surest of and retrains on them, 3 rounds "
                + "(self-training).")
        Path unlabeled;

        @Option(names = "--teacher", order = 18, paramLabel = "encoder", description = "With --unlabeled: train the bag model (the default "
                + "then) on the labeled examples plus the unlabeled utterances an encoder head labels (confidence >= 0.5): "
                + "about the encoder's accuracy at the bag's speed (CLINC150, 10 examples per intent + 13,590 unlabeled: "
                + "87.0 %% vs the self-trained encoder's 87.3 %%, at 24,000 utterances/s).")
        String teacher;

        @Option(names = "--force", order = 19, description = "Retrain even if the data hash and parameters are unchanged.")
        boolean force;

        abstract String task();

        /** {@code --corpus}: only {@code train sentiment} has it. */
        String corpus() {
            return null;
        }

        /** The request these options make; it rejects bad combinations before anything is loaded. */
        TrainRequest request() {
            return new TrainRequest(task(), tenant, data, corpus(), unlabeled, out, model, escalate, teacher,
                    new TrainRequest.BagSettings(epochs, dim, lr, batch, embeddingLr, members, buckets, minCount, dropout, nb), force);
        }

        @Override
        public Integer call() throws Exception {
            NluTraining.train(request(), System.out);
            return 0;
        }
    }

    private static final String PROGRESS = "Progress shows encoding, epoch, loss and training accuracy. DJL/PyTorch trains on 1 CPU "
            + "thread; the sentence encoder uses every core (-Dcallsight.encoder.threads=N to change).";

    @Command(name = "intents", mixinStandardHelpOptions = true, sortOptions = false, description = {"Train a tenant's intent classifier (the "
            + "encoder head, the hashed n-gram bag, an ensemble or a cascade of them; DJL) and a TF-IDF baseline:",
            "--tenant T --data <yaml|json|csv> [--out models] [--force]."}, footer = PROGRESS)
    static final class Intents extends NluTrainingCommand {
        @Override
        String task() {
            return "intents";
        }
    }

    @Command(name = "sentiment", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Train a sentiment model and a TF-IDF baseline: --tenant T (--data FILE | --corpus en|zh)."},
            footer = PROGRESS)
    static final class Sentiment extends NluTrainingCommand {
        @Option(names = "--corpus", order = 3, paramLabel = "en|zh", description = "Instead of --data: the shared SST-2 train+dev + UCI "
                + "(en) or ChnSentiCorp hotel (zh) corpora.")
        String corpus;

        @Override
        String task() {
            return "sentiment";
        }

        @Override
        String corpus() {
            return corpus;
        }
    }

    /** {@code --model}'s value, with {@link ModelKind#of}'s message for an unknown one. */
    static final class ModelKindConverter implements CommandLine.ITypeConverter<ModelKind> {
        @Override
        public ModelKind convert(String value) {
            try {
                return ModelKind.of(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --escalate}'s value: a number that is not one says what the option takes; the range is the request's. */
    static final class EscalateShareConverter implements CommandLine.ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                return TrainRequest.parseEscalate(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Command(name = "denoiser", mixinStandardHelpOptions = true,
            description = {"Train the RNN noise suppressor (GRU per-band gains) on speech + synthesized noise mixtures",
                    "(white/pink/brown, hum, clicks, tones, babble at 0-20 dB SNR) and write models/denoiser/<version>/",
                    "with weights.bin, manifest.json (data hash, metrics, parameters) and a self-test against DJL."})
    static final class Denoiser implements Callable<Integer> {
        @Option(names = "--out", defaultValue = "models/denoiser", description = "Model root (default: ${DEFAULT-VALUE}).")
        Path out;

        @Option(names = "--model-version", description = "Model version to write (default: the next after the newest, "
                + "e.g. v3 when v2 exists; the speech job loads the newest).")
        String version;

        @Option(names = "--epochs", defaultValue = "36", description = "Training epochs (default: ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--sequences", defaultValue = "" + TrainDenoiser.DEFAULT_SEQUENCES,
                description = "Training mixtures per epoch (default: ${DEFAULT-VALUE}).")
        int sequences;

        @Option(names = "--frames", defaultValue = "" + TrainDenoiser.DEFAULT_FRAMES,
                description = "10 ms frames per training mixture (default: ${DEFAULT-VALUE}, i.e. 3 s).")
        int frames;

        @Option(names = "--seed", defaultValue = "2", description = "Data and initialization seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--datasets", description = "Directory with fsdd/, ljspeech-sample/ and tts-speech/ (default: the repository's datasets/).")
        Path datasets;

        @Option(names = "--no-eval", description = "Skip the held-out SNR and CPU evaluation.")
        boolean noEval;

        @Override
        public Integer call() throws Exception {
            // DJL must stay offline and find its native library under the data dir; PyTorch's thread pool
            // thrashes on these tiny GRU steps, so one intra-op thread (measured 5x faster on 2 cores).
            setDefault("ai.djl.offline", "true");
            setDefault("OPT_OUT_TRACKING", "true");
            setDefault("ai.djl.pytorch.num_threads", "1");
            setDefault("ai.djl.pytorch.num_interop_threads", "1");
            String cache = Path.of(System.getProperty("user.home"), ".callsight", "djl-cache").toString();
            setDefault("DJL_CACHE_DIR", cache);
            setDefault("ENGINE_CACHE_DIR", cache);
            Path root = Path.of(System.getProperty("callsight.root", "."));
            Path modelRoot = out.isAbsolute() ? out : root.resolve(out);
            String v = version != null ? version : nextVersion(modelRoot);
            Path dir = TrainDenoiser.run(new TrainDenoiser.Options(modelRoot, v,
                    epochs, sequences, frames, TrainDenoiser.DEFAULT_BATCH, 3e-3f, seed, datasets != null ? datasets : SpeechCorpus.datasetsDir(),
                    !noEval));
            System.out.println("model written to " + dir);
            return 0;
        }

        private static void setDefault(String key, String value) {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        }

        /** v1 in an empty root, else one more than the highest {@code v<n>} directory. */
        static String nextVersion(Path modelRoot) throws java.io.IOException {
            if (!java.nio.file.Files.isDirectory(modelRoot)) {
                return "v1";
            }
            try (java.util.stream.Stream<Path> dirs = java.nio.file.Files.list(modelRoot)) {
                int highest = dirs.map(p -> p.getFileName().toString()).filter(n -> n.matches("v\\d+"))
                        .mapToInt(n -> Integer.parseInt(n.substring(1))).max().orElse(0);
                return "v" + (highest + 1);
            }
        }
    }
}
