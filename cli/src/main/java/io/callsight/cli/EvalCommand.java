package io.callsight.cli;

import io.callsight.nlp.eval.EvalRequest;
import io.callsight.nlp.eval.NluEvaluation;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a tenant's current model on a labeled file: accuracy, macro-F1, per-class table,",
                "confusion-matrix PNG and HTML report, next to the TF-IDF baseline.",
                "callsight eval intents|sentiment --tenant T --data FILE [--models DIR] [--report DIR]"})
final class EvalCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "TASK",
            description = "intents or sentiment: the task directory of the model to evaluate.")
    String task;

    @Option(names = "--tenant", paramLabel = "T", description = "Whose current model to evaluate (required).")
    String tenant;

    @Option(names = "--data", paramLabel = "FILE",
            description = "CSV text,label / TSV / JSON (CLINC150 JSON: its test + oos_test splits) (required).")
    Path data;

    @Option(names = "--models", paramLabel = "DIR", defaultValue = "models",
            description = "Model root (default ${DEFAULT-VALUE}); uses <tenant>/<task>/CURRENT.")
    Path models;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Where confusion.png and report.html go (default <version dir>/report).")
    Path report;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    EvalRequest request() {
        return new EvalRequest(task, tenant, data, models, report);
    }

    @Override
    public Integer call() throws Exception {
        if (task == null) { // as `callsight train` does: no task, the usage
            spec.commandLine().usage(System.out);
            return 0;
        }
        NluEvaluation.evaluate(request(), System.out);
        return 0;
    }
}
