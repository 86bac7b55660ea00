package io.callsight.cli;

import io.callsight.asr.noise.SpeechCorpus;
import io.callsight.training.denoise.TrainDenoiser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train Callsight's models (DJL + PyTorch on CPU, offline).",
        subcommands = {TrainCommand.Denoiser.class, TrainCommand.Intents.class, TrainCommand.Sentiment.class})
final class TrainCommand implements Runnable {
    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /** Hands its arguments to the NLU trainer, which owns their parsing and its own --help. */
    abstract static class NluTraining implements Callable<Integer> {
        @CommandLine.Unmatched
        List<String> args = new ArrayList<>();

        abstract String task();

        @Override
        public Integer call() throws Exception {
            List<String> all = new ArrayList<>(List.of(task()));
            all.addAll(args);
            io.callsight.nlp.training.Train.main(all.toArray(String[]::new));
            return 0;
        }
    }

    @Command(name = "intents", description = {"Train a tenant's intent classifier (hashed n-gram embedding bag, DJL) and a "
            + "TF-IDF baseline:", "--tenant T --data <yaml|json|csv> [--out models] [--force]; --help for all options."})
    static final class Intents extends NluTraining {
        @Override
        String task() {
            return "intents";
        }
    }

    @Command(name = "sentiment", description = {"Train a sentiment model: --tenant T (--data FILE | --corpus en|zh); "
            + "--help for all options."})
    static final class Sentiment extends NluTraining {
        @Override
        String task() {
            return "sentiment";
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
