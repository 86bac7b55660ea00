package io.callsight.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print the figures the docs quote, with a baseline from the same run.",
        subcommands = {AsrBenchmarkCommand.class, FrontendBenchmarkCommand.class, NluBenchmarkCommand.class,
                RedactionBenchmarkCommand.class, ArchiveBenchmarkCommand.class, LiveBenchmarkCommand.class,
                TtsBenchmarkCommand.class, BotBenchmarkCommand.class, DialStatusBenchmarkCommand.class})
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
