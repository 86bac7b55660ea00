package io.callsight.cli;

import io.callsight.nlp.benchmark.NluBenchmark;
import io.callsight.nlp.benchmark.NluCrossValidation;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code callsight bench nlu}: the DJL-trained intent/sentiment models vs the TF-IDF baseline (see docs/benchmarks.md). */
@Command(name = "nlu", mixinStandardHelpOptions = true,
        description = {"Trains and evaluates, side by side on the same splits of the shared corpora, the intent and sentiment "
                + "models and prints one table: the DJL softmax head on the pretrained sentence encoder of each set's language "
                + "(--no-encoder leaves it out), with its ensemble and cascade rows, the DJL hashed n-gram embedding bag, and "
                + "the TF-IDF logistic-regression baseline. CLINC150 (full, 10-shot, 10-shot + unlabeled), SMP2019, SST-2, UCI, "
                + "ChnSentiCorp: accuracy, OOS recall, training time, throughput, p99. Single-threaded (DJL/PyTorch 1 thread)."})
final class NluBenchmarkCommand implements Callable<Integer> {
    @Option(names = "--datasets", paramLabel = "DIR", description = "Where the corpora are (default: -Dcallsight.datasets, "
            + "$CALLSIGHT_DATASETS, else the repository's datasets/).")
    Path datasets;

    @Option(names = "--only", paramLabel = "SETS", split = ",",
            description = "Run only these of clinc,clinc10,clinc10u,smp,sst2,uci,chnsenti (default: all).")
    Set<String> only;

    @Option(names = "--no-encoder", description = "Leave out the encoder-head column.")
    boolean noEncoder;

    @Option(names = "--verbose", description = "Print every epoch and self-training round.")
    boolean verbose;

    @Option(names = "--cross-validate", paramLabel = "SET", description = "Instead of the table: k-fold cross-validation of the "
            + "bag against the TF-IDF baseline on the non-test part of uci, smp or chnsenti (how their settings were chosen).")
    String crossValidate;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "5",
            description = "Folds for --cross-validate (default ${DEFAULT-VALUE}).")
    int folds;

    NluBenchmark.Options options() {
        return new NluBenchmark.Options(datasets, only, !noEncoder, verbose);
    }

    @Override
    public Integer call() throws Exception {
        if (crossValidate != null) {
            NluCrossValidation.run(crossValidate, folds, datasets, System.out);
        } else {
            NluBenchmark.run(options(), System.out);
        }
        return 0;
    }
}
