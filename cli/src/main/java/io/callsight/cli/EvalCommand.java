package io.callsight.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "eval",
        description = {"Evaluate a tenant's current model on a labeled file: accuracy, macro-F1, per-class table,",
                "confusion-matrix PNG and HTML report, next to the TF-IDF baseline.",
                "callsight eval intents|sentiment --tenant T --data FILE [--models DIR] [--report DIR]; --help for all options."})
final class EvalCommand implements Callable<Integer> {
    @CommandLine.Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        io.callsight.nlp.training.Eval.main(args.toArray(String[]::new));
        return 0;
    }
}
