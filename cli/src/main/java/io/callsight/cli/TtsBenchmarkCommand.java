package io.callsight.cli;

import io.callsight.tts.bench.PromptLatencyBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code callsight bench tts}: {@link PromptLatencyBenchmark} (see docs/benchmarks.md). */
@Command(name = "tts", mixinStandardHelpOptions = true,
        description = {"Time to the first 20 ms telephony frame of a three-sentence bot prompt with MaryTTS: synthesized"
                + " whole (baseline), streamed sentence by sentence from cold, and from the prompt cache, in the same run."
                + " No stack needed."})
final class TtsBenchmarkCommand implements Callable<Integer> {
    @Option(names = "--rounds", defaultValue = "7", description = "Measured rounds, median reported (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() throws Exception {
        PromptLatencyBenchmark.run(System.out, rounds);
        return 0;
    }
}
