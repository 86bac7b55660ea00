package io.callsight.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code callsight bench nlu}: the DJL-trained intent/sentiment model vs the TF-IDF baseline (see docs/benchmarks.md). */
@Command(name = "nlu", description = {"Intent and sentiment models (DJL-trained n-gram embedding bag) vs a TF-IDF logistic-regression",
        "baseline, side by side: CLINC150 (full, 10-shot), SMP2019, SST-2, UCI, ChnSentiCorp; training time, throughput, p99.",
        "[--only clinc,clinc10,clinc10u,smp,sst2,uci,chnsenti] [--datasets DIR] [--verbose]; --help for all options."})
final class NluBenchmarkCommand implements Callable<Integer> {
    @CommandLine.Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        setDefault("ai.djl.offline", "true");
        setDefault("OPT_OUT_TRACKING", "true");
        String cache = Path.of(System.getProperty("user.home"), ".callsight", "djl-cache").toString();
        setDefault("DJL_CACHE_DIR", cache);
        setDefault("ENGINE_CACHE_DIR", cache);
        io.callsight.nlp.eval.NluBenchmark.main(args.toArray(String[]::new));
        return 0;
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
