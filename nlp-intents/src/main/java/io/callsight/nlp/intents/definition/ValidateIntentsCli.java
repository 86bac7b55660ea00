package io.callsight.nlp.intents.definition;

import io.callsight.config.ValidationError;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code validate-intents FILE...}: prints every problem as {@code file:line: message}; exit status 1 if any,
 * 2 on unreadable files. The launcher's {@code callsight validate} delegates here.
 */
public final class ValidateIntentsCli {
    private ValidateIntentsCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("usage: validate-intents FILE.yml|.json|.csv ...");
            return 2;
        }
        IntentValidator validator = new IntentValidator();
        List<ValidationError> all = new ArrayList<>();
        for (String a : args) {
            Path p = Path.of(a);
            if (!Files.isRegularFile(p)) {
                err.println(a + ": no such file");
                return 2;
            }
            try {
                all.addAll(validator.validateFile(p));
            } catch (IOException e) {
                err.println(a + ": " + e.getMessage());
                return 2;
            }
        }
        all.forEach(out::println);
        if (!all.isEmpty()) out.println(all.size() + " problem" + (all.size() == 1 ? "" : "s"));
        return all.isEmpty() ? 0 : 1;
    }
}
