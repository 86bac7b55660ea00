package io.callsight.cli;

import io.callsight.nlp.insights.TenantSettings;
import io.callsight.nlp.redaction.PiiSpan;
import io.callsight.nlp.redaction.Redaction;
import io.callsight.nlp.redaction.RedactionPolicy;
import io.callsight.nlp.redaction.Redactor;
import io.callsight.nlp.redaction.TrackTail;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code callsight redact}: try a tenant's redaction policy on typed or pasted lines, as the speech job applies it. */
@Command(name = "redact", mixinStandardHelpOptions = true,
        description = {"Reads lines on stdin and prints each redacted with the tenant's policy (<models>/<tenant>/tenant.yaml: "
                + "redact, min_digit_run), or with the default policy (every category) without --tenant.",
                "Lines are consecutive utterances of one track, as in a call: a number whose reading continues on the "
                        + "next line is removed from both lines. A line that may end inside a number is printed once the "
                        + "next line is read (as the speech job holds such an utterance). An empty line starts a new track."})
final class RedactCommand implements Callable<Integer> {
    @Option(names = "--tenant", paramLabel = "T", description = "Tenant id (default: none, the default policy).")
    String tenant;

    @Option(names = "--models", paramLabel = "DIR",
            description = "Models root (default: <callsight root>/models, as the speech job).")
    Path models;

    @Option(names = "--spans", description = "After each line, what was removed: category and the text as heard.")
    boolean spans;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        RedactionPolicy policy = policy();
        Redactor redactor = new Redactor(policy);
        PrintWriter out = spec.commandLine().getOut();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        TrackTail tail = TrackTail.NONE;
        // as the speech job: a line that may end inside a number waits for the next line before it is printed
        String held = null;
        TrackTail heldTail = TrackTail.NONE;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (held != null) {
                print(out, redactor.redact(held, heldTail, line.isBlank() ? "" : line));
                held = null;
            }
            if (line.isBlank()) {
                tail = TrackTail.NONE;
                out.println(line);
                out.flush();
                continue;
            }
            Redaction now = redactor.redact(line, tail);
            if (Redactor.awaitsNext(line, now)) {
                held = line;
                heldTail = tail;
            } else {
                print(out, now);
            }
            tail = TrackTail.of(line, 0);
        }
        if (held != null) print(out, redactor.redact(held, heldTail, ""));
        out.flush();
        return 0;
    }

    private void print(PrintWriter out, Redaction r) {
        out.println(r.text());
        if (spans) {
            for (PiiSpan s : r.spans()) {
                out.println("  " + s.category().name().toLowerCase(Locale.ROOT) + ": " + s.text());
            }
        }
        out.flush();
    }

    private RedactionPolicy policy() throws IOException {
        if (tenant == null) {
            return TenantSettings.defaults().redaction();
        }
        Path root = ModelsCommand.root(models);
        Path dir = root.resolve(tenant).normalize();
        if (tenant.isBlank() || !root.equals(dir.getParent()) || !isTenant(dir)) {
            throw new IllegalArgumentException("unknown tenant '" + tenant + "' in " + root + " (tenants: " + tenants(root) + ")");
        }
        return TenantSettings.load(dir.resolve(TenantSettings.FILE)).redaction();
    }

    /** A tenant's folder has its settings, rules or models; the models root also holds encoders and the recognizer. */
    private static boolean isTenant(Path dir) {
        return Files.isDirectory(dir) && !dir.getFileName().toString().startsWith("_")
                && Stream.of(TenantSettings.FILE, "rules.yaml", "intents", "sentiment").anyMatch(f -> Files.exists(dir.resolve(f)));
    }

    private static String tenants(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return "none, no such directory";
        }
        try (Stream<Path> dirs = Files.list(root)) {
            String names = dirs.filter(RedactCommand::isTenant).map(p -> p.getFileName().toString()).sorted()
                    .collect(Collectors.joining(", "));
            return names.isEmpty() ? "none" : names;
        }
    }
}
