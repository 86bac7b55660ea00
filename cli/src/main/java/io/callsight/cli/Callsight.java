package io.callsight.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code callsight} command. Each subcommand is a class of its own; {@code --help} works on all. */
@Command(name = "callsight",
        mixinStandardHelpOptions = true,
        version = "Callsight 0.1.0",
        description = "Streaming speech analytics for contact centers: calls in, searchable transcripts out.",
        subcommands = {
                UpCommand.class,
                DownCommand.class,
                StatusCommand.class,
                ImportCommand.class,
                IngestCommand.class, VoicebotCommand.class, SimulateCallCommand.class, CallCommand.class,
                ReplayCommand.class,
                TranscribeCommand.class,
                IntentsCommand.class,
                FlowsCommand.class,
                TrainCommand.class,
                EvalCommand.class,
                ModelsCommand.class,
                TenantsCommand.class,
                RedactCommand.class,
                RecordingsCommand.class,
                DemoCommand.class,
                BenchCommand.class,
                JobsCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Callsight implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Callsight());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // Users get one line saying what is wrong; the stack trace only with CALLSIGHT_DEBUG set.
            commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            if (System.getenv("CALLSIGHT_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        return cli;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
