package io.callsight.dialog.flow;

import io.callsight.config.ValidationError;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code callsight flows validate} runs: every problem of the given flow files and directories as
 * {@code file:line: message}, exit status 1 if any, 2 if a file cannot be read, 0 with a summary otherwise.
 * Without intent files, intent names are not checked and the summary says so.
 */
public final class FlowCheck {
    private FlowCheck() {}

    public static int run(List<Path> flows, List<Path> intentFiles, PrintStream out, PrintStream err) {
        IntentCatalog catalog = IntentCatalog.unchecked();
        List<ValidationError> problems = new ArrayList<>();
        try {
            if (!intentFiles.isEmpty()) {
                for (Path p : intentFiles) {
                    if (!Files.exists(p)) {
                        err.println(p + ": no such file or directory");
                        return 2;
                    }
                }
                IntentCatalog.Loaded loaded = IntentCatalog.load(intentFiles);
                problems.addAll(loaded.errors());
                catalog = loaded.catalog();
            }
            int checked = 0, states = 0;
            for (Path p : flows) {
                if (!Files.exists(p)) {
                    err.println(p + ": no such file or directory");
                    return 2;
                }
                for (Path f : FlowFiles.flowFiles(p)) {
                    FlowLoad load = FlowFiles.load(f, catalog);
                    problems.addAll(load.errors());
                    checked++;
                    if (load.valid()) states += load.flow().states().size();
                }
            }
            problems.forEach(out::println);
            if (!problems.isEmpty()) {
                out.println(problems.size() + " problem" + (problems.size() == 1 ? "" : "s"));
                return 1;
            }
            out.println(checked + " flow" + (checked == 1 ? "" : "s") + " valid (" + states + " states)"
                    + (catalog.checksIntents() ? ", intents checked against " + catalog.sources().size() + " intent file"
                    + (catalog.sources().size() == 1 ? "" : "s") : "; intent names not checked (no --intents)"));
            return 0;
        } catch (IOException e) {
            err.println(e.getMessage());
            return 2;
        }
    }
}
