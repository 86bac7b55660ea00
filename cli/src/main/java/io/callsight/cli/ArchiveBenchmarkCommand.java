package io.callsight.cli;

import io.callsight.archive.bench.ArchiveBenchmark;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code callsight bench archive}: {@link ArchiveBenchmark} (see docs/benchmarks.md). */
@Command(name = "archive", mixinStandardHelpOptions = true,
        description = {"Recording archive throughput (calls/s, MB/s) with and without encryption in the same run, the cost"
                + " split (frames to recording, WAV, seal, fsync'd write) and the per-call archive step, on 5-minute stereo"
                + " 8 kHz μ-law calls of synthetic speech-like audio. Target: encryption costs < 10 %%. No stack needed.",
                "Writes calls × 4.8 MB per mode and round to --dir (deleted after each round)."})
final class ArchiveBenchmarkCommand implements Callable<Integer> {
    @Option(names = "--calls", defaultValue = "200", description = "Calls per mode and round (default: ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--rounds", defaultValue = "3", description = "Measured rounds, median reported (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup", defaultValue = "10", description = "Warm-up calls per mode (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--minutes", defaultValue = "5", description = "Length of each call (default: ${DEFAULT-VALUE}).")
    int minutes;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Where to write (default: a temp dir, deleted after). Put it on the disk the archive lives on.")
    Path dir;

    @Override
    public Integer call() throws Exception {
        ArchiveBenchmark.Result r = ArchiveBenchmark.run(new ArchiveBenchmark.Options(calls, rounds, warmup,
                minutes * 60_000L, 4, dir), System.out);
        return r.encryptionCost() < 0.10 ? 0 : 1;
    }
}
