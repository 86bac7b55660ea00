package io.callsight.cli;

import io.callsight.nlp.classify.Manifest;
import io.callsight.nlp.classify.ModelStore;
import io.callsight.nlp.classify.Release;
import io.callsight.nlp.eval.OfflineReleaseReport;
import io.callsight.nlp.insights.VariantStats;
import io.callsight.search.query.ModelUsage;
import io.callsight.search.query.ModelUsageQueries;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * Tenant model versions and grayscale releases. Every change is a small pointer file under the models dir, which
 * the running speech job re-reads every few seconds: no restart, no redeploy.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"Tenant NLU model versions and grayscale releases (the speech job picks changes up within "
                + "--model-refresh-ms, default 5 s)."},
        subcommands = {ModelsCommand.ListVersions.class, ModelsCommand.StartRelease.class, ModelsCommand.Promote.class,
                ModelsCommand.Rollback.class, ModelsCommand.Report.class})
final class ModelsCommand implements Runnable {
    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    /** Where the models are and which tenant task a command is about. */
    static final class Target {
        @Option(names = "--models", paramLabel = "DIR",
                description = "Models root (default: <callsight root>/models, as the speech job).")
        Path models;

        @Option(names = "--tenant", required = true, paramLabel = "T", description = "Tenant id.")
        String tenant;

        @Option(names = "--task", defaultValue = "intents", paramLabel = "TASK",
                description = "intents or sentiment (default: ${DEFAULT-VALUE}).")
        String task;

        ModelStore store() {
            if (!task.equals("intents") && !task.equals("sentiment")) {
                throw new IllegalArgumentException("--task must be intents or sentiment, not '" + task + "'");
            }
            return new ModelStore(root(models));
        }
    }

    static Path root(Path models) {
        return models != null ? models : Path.of(System.getProperty("callsight.root", ".")).resolve("models");
    }

    static String describe(Release r) {
        if (r.current() == null) {
            return "no model";
        }
        String s = "current " + r.current();
        if (r.candidate() != null) {
            s += String.format(Locale.ROOT, ", candidate %s for %.0f%% of calls", r.candidate(), 100 * r.candidateShare());
        }
        if (r.previous() != null) {
            s += ", previous " + r.previous();
        }
        return s;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Versions of a tenant's models (all tasks, or --task) with their release role and validation metrics.")
    static final class ListVersions implements Callable<Integer> {
        @Option(names = "--models", paramLabel = "DIR", description = "Models root (default: <callsight root>/models).")
        Path models;

        @Option(names = "--tenant", paramLabel = "T", description = "Only this tenant (default: all).")
        String tenant;

        @Option(names = "--task", paramLabel = "TASK", description = "Only intents or sentiment (default: both).")
        String task;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Path root = root(models);
            ModelStore store = new ModelStore(root);
            PrintWriter out = spec.commandLine().getOut();
            List<String> tenants;
            if (tenant != null) {
                if (!Files.isDirectory(root.resolve(tenant))) {
                    throw new IllegalArgumentException("unknown tenant '" + tenant + "': no directory " + root.resolve(tenant));
                }
                tenants = List.of(tenant);
            } else {
                try (Stream<Path> s = Files.isDirectory(root) ? Files.list(root) : Stream.empty()) {
                    tenants = s.filter(p -> Files.isDirectory(p.resolve("intents")) || Files.isDirectory(p.resolve("sentiment"))
                            || p.getFileName().toString().equals("_shared")).map(p -> p.getFileName().toString()).sorted().toList();
                }
            }
            if (tenants.isEmpty()) {
                out.println("no tenant models under " + root);
            }
            for (String t : tenants) {
                List<String> tasks = task != null ? List.of(task) : t.equals("_shared")
                        ? List.of("sentiment-en", "sentiment-zh") : List.of("intents", "sentiment");
                for (String k : tasks) {
                    Release r = store.release(t, k);
                    if (r.current() == null && task == null) {
                        continue;
                    }
                    out.printf("%s/%s: %s%s%n", t, k, describe(r), autoCandidate(store, t, k));
                    for (String v : store.versions(t, k)) {
                        Manifest m = ModelStore.readManifest(store.taskDir(t, k).resolve(v));
                        String role = v.equals(r.current()) ? "current" : v.equals(r.candidate()) ? "candidate"
                                : v.equals(r.previous()) ? "previous" : "";
                        out.printf("  %-5s %-9s %-3s %-25s %s%n", v, role, m.language(), m.created(), metrics(m));
                    }
                }
            }
            out.flush();
            return 0;
        }

        private static String metrics(Manifest m) {
            if (m.metrics() == null || !(m.metrics().get("validation") instanceof Map<?, ?> v)) {
                return "";
            }
            StringBuilder sb = new StringBuilder();
            for (String k : List.of("accuracy", "in_scope_accuracy", "oos_recall", "macro_f1")) {
                if (v.containsKey(k)) {
                    sb.append(k).append('=').append(v.get(k)).append(' ');
                }
            }
            return sb.toString().trim();
        }
    }

    @Command(name = "release", mixinStandardHelpOptions = true,
            description = {"Route a share of the tenant's calls (by call-id hash: both tracks of a call agree) to a candidate "
                    + "version.", "Example: callsight models release --tenant acme --candidate v3 --share 0.1",
                    "--auto-candidate 0.1: from now on, a newly trained version starts as candidate for 10% of calls "
                            + "instead of becoming current (0 turns this off)."})
    static final class StartRelease implements Callable<Integer> {
        @Mixin
        Target target;

        @Option(names = "--candidate", paramLabel = "VERSION", description = "Candidate version, e.g. v3.")
        String candidate;

        @Option(names = "--share", paramLabel = "0..1", description = "Share of calls for the candidate.")
        Double share;

        @Option(names = "--auto-candidate", paramLabel = "0..1",
                description = "Share at which newly trained versions start as candidate (0: they become current).")
        Double autoCandidate;

        @Override
        public Integer call() throws IOException {
            ModelStore store = target.store();
            if (candidate == null && autoCandidate == null) {
                throw new IllegalArgumentException("say what to release: --candidate VERSION --share 0..1, and/or --auto-candidate 0..1");
            }
            if ((candidate == null) != (share == null)) {
                throw new IllegalArgumentException("--candidate and --share go together");
            }
            if (autoCandidate != null) {
                store.setAutoCandidate(target.tenant, target.task, autoCandidate);
            }
            Release r = candidate != null ? store.startRelease(target.tenant, target.task, candidate, share)
                    : store.release(target.tenant, target.task);
            System.out.println(target.tenant + "/" + target.task + ": " + describe(r)
                    + autoCandidate(store, target.tenant, target.task));
            return 0;
        }
    }

    static String autoCandidate(ModelStore store, String tenant, String task) throws IOException {
        double auto = store.autoCandidateShare(tenant, task);
        return auto > 0 ? String.format(Locale.ROOT, "; new versions start as candidate for %.0f%% of calls", 100 * auto) : "";
    }

    @Command(name = "promote", mixinStandardHelpOptions = true,
            description = "Make the candidate the current version for all calls (the old current is kept for rollback).")
    static final class Promote implements Callable<Integer> {
        @Mixin
        Target target;

        @Override
        public Integer call() throws IOException {
            Release r = target.store().promote(target.tenant, target.task);
            System.out.println(target.tenant + "/" + target.task + ": " + describe(r));
            return 0;
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = {"With a candidate: stop routing calls to it.",
                    "Without one: go back to the previous current version."})
    static final class Rollback implements Callable<Integer> {
        @Mixin
        Target target;

        @Override
        public Integer call() throws IOException {
            Release r = target.store().rollback(target.tenant, target.task);
            System.out.println(target.tenant + "/" + target.task + ": " + describe(r));
            return 0;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = {"Current and candidate side by side: utterances, mean intent confidence, no-match rate.",
                    "With --data FILE both versions answer the file's utterances offline (.txt: one per line; labeled "
                            + "CSV/JSON adds accuracy).",
                    "Without --data: live numbers from the utterances indexed in Elasticsearch (for sentiment: mean |score| "
                            + "as confidence, share of neutral readings as no-match rate)."})
    static final class Report implements Callable<Integer> {
        @Mixin
        Target target;

        @Option(names = "--data", paramLabel = "FILE", description = "Utterances to evaluate both versions on.")
        Path data;

        @Option(names = "--es-url", paramLabel = "URL",
                description = "Elasticsearch for live numbers (default: $ES_URL or http://127.0.0.1:9200).")
        String esUrl;

        @Option(names = "--since", paramLabel = "DURATION", description = "Live numbers only for utterances indexed in "
                + "this last period, e.g. PT1H or P1D (default: all).")
        java.time.Duration since;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            ModelStore store = target.store();
            PrintWriter out = spec.commandLine().getOut();
            List<VariantStats> stats;
            if (data != null) {
                stats = OfflineReleaseReport.run(store, target.tenant, target.task, data);
                out.printf("%s/%s (%s), offline on %s:%n", target.tenant, target.task,
                        describe(store.release(target.tenant, target.task)), data);
            } else {
                String url = esUrl != null ? esUrl : System.getenv().getOrDefault("ES_URL", "http://127.0.0.1:9200");
                stats = live(target.task.equals("intents") ? ModelUsageQueries.intents(url, target.tenant, since)
                        : ModelUsageQueries.sentiment(url, target.tenant, since,
                                store.release(target.tenant, target.task).candidate()));
                out.printf("%s/%s (%s), live from %s:%n", target.tenant, target.task,
                        describe(store.release(target.tenant, target.task)), url);
            }
            out.println(VariantStats.header());
            stats.forEach(s -> out.println(s.row()));
            if (stats.isEmpty()) {
                out.println("(no analyzed utterances yet)");
            }
            out.flush();
            return 0;
        }
    }

    /** Live usage has no labels, so no accuracy. */
    static List<VariantStats> live(List<ModelUsage> usage) {
        return usage.stream().map(u -> new VariantStats(u.variant(), u.model(), u.utterances(), u.meanConfidence(),
                u.noMatchRate(), Double.NaN, u.sentToEncoder())).toList();
    }
}
