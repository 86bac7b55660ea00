package io.callsight.cli;

import io.callsight.nlp.intents.definition.ValidateIntentsCli;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

@Command(name = "intents", mixinStandardHelpOptions = true,
        description = "Tenant intent definitions (YAML, JSON or text,label CSV).",
        subcommands = IntentsCommand.Validate.class)
final class IntentsCommand implements Runnable {
    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Check intent files and report every problem as file:line: message",
                    "(bad YAML, duplicate examples across intents, intents with fewer than 5 examples, unknown entity types).",
                    "Exit code 0 if all files are valid, 1 if any has problems, 2 if a file cannot be read."})
    static final class Validate implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Intent files.")
        List<Path> files;

        @Override
        public Integer call() {
            return ValidateIntentsCli.run(files.stream().map(Path::toString).toArray(String[]::new), System.out,
                    System.err);
        }
    }
}
