package io.callsight.cli;

import io.callsight.asr.eval.WordErrorRate;
import io.callsight.ingest.ImportResult;
import io.callsight.nlp.insights.ModelRegistry;
import io.callsight.nlp.insights.TenantModels;
import io.callsight.search.query.TenantScope;
import io.callsight.search.query.TranscriptQueries;
import io.callsight.search.schema.CallFields;
import io.callsight.search.schema.CallSentimentFields;
import io.callsight.search.schema.ComplianceFields;
import io.callsight.stack.StackConfig;
import io.callsight.tenants.TenantPaths;
import io.callsight.tenants.admin.DemoTenants;
import io.callsight.tenants.admin.TenantSpec;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"See Callsight work end to end: train the demo tenants' intent and the shared sentiment models "
                + "if missing, start the stack, render the scripted demo calls (MaryTTS) if missing, import them, wait "
                + "until they are indexed, and print their transcripts with intents, sentiment and compliance verdicts; "
                + "then stream one of them live over AudioHook and print its transcripts as they come back.",
                "Run `callsight down` afterwards to stop the stack."})
final class DemoCommand implements Callable<Integer> {
    /** What the demo reads: its own three tenants' calls. */
    static final TenantScope DEMO_SCOPE = TenantScope.of(DemoTenants.SPECS.stream().map(TenantSpec::id).toList());

    @Mixin
    StackOptions stack;

    @Option(names = "--calls", description = "Import only the first N demo calls (default: all).")
    Integer calls;

    @Option(names = "--lines", defaultValue = "6", description = "Transcript lines to print per call (default: ${DEFAULT-VALUE}).")
    int lines;

    @Option(names = "--live-speed", defaultValue = "2", description = "Replay speed of the live call streamed over "
            + "AudioHook after the imports (default: ${DEFAULT-VALUE}; 1 = real time, 0 = no live call).")
    double liveSpeed;

    @Option(names = "--timeout", defaultValue = "PT10M", description = "How long to wait for indexing (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        DemoModels.ensureTrained(System.out); // the job picks new models up by itself, so order does not matter
        LocalStack local = new LocalStack(stack.config());
        Path registry = demoTenants(local.config(), System.out);
        local.up(System.out);
        List<DemoCalls.DemoCall> demo = DemoCalls.ensureRendered(System.out);
        if (calls != null) {
            demo = demo.subList(0, Math.min(calls, demo.size()));
        }
        long importedSince = System.currentTimeMillis(); // a second run must wait for, and show, its own transcripts
        List<ImportResult> imported = ImportCommand.importCalls(local.config().kafkaBootstrap(), registry, "demo", 100,
                demo.stream().map(DemoCalls.DemoCall::wav).toList());
        List<String> callIds = imported.stream().filter(ImportResult::ok).map(ImportResult::callId).toList();
        System.out.printf("waiting for %d calls to be transcribed and indexed...%n", callIds.size());
        try (TranscriptQueries es = new TranscriptQueries(local.config().esUrl(), DEMO_SCOPE);
                ModelRegistry rules = new ModelRegistry(DemoModels.modelsDir(), 0)) {
            long start = System.nanoTime();
            Set<String> done = es.awaitTranscribed(callIds, importedSince, timeout,
                    n -> System.out.printf("  %d/%d indexed%n", n, callIds.size()));
            System.out.printf(Locale.ROOT, "indexed %d/%d calls in %.1f s%n%n", done.size(), callIds.size(),
                    (System.nanoTime() - start) / 1e9);
            WordErrorRate.Score total = WordErrorRate.Score.ZERO;
            ComplianceAgreement agreement = new ComplianceAgreement();
            for (DemoCalls.DemoCall call : demo) {
                String callId = call.reference().callId();
                List<TranscriptQueries.Line> transcript = es.transcript(callId, importedSince);
                WordErrorRate.Score score = call.score(transcript);
                total = total.plus(score);
                System.out.printf(Locale.ROOT, "== %s (%s, %d utterances, WER %.1f %%)%n", callId,
                        call.reference().tenant(), transcript.size(), 100 * score.rate());
                transcript.stream().limit(lines).forEach(l -> System.out.printf(Locale.ROOT,
                        "  %6.1fs %-8s %s%s%n", l.startMs() / 1000.0, l.track(), l.text(), describeInsight(l)));
                if (transcript.size() > lines) {
                    System.out.printf("  ... %d more%n", transcript.size() - lines);
                }
                Map<?, ?> analyzed = es.awaitAnalysis(callId, Duration.ofSeconds(10), CallFields.COMPLIANCE, CallFields.SENTIMENT);
                Map<?, ?> verdict = analyzed == null ? null : (Map<?, ?>) analyzed.get(CallFields.COMPLIANCE);
                System.out.println("  " + describeCompliance(verdict));
                if (analyzed != null && analyzed.get(CallFields.SENTIMENT) instanceof Map<?, ?> mood) {
                    System.out.printf(Locale.ROOT, "  customer sentiment: %+.2f at the start, %+.2f at the end (mean %+.2f over %s lines)%n",
                            ((Number) mood.get(CallSentimentFields.CUSTOMER_START)).doubleValue(), ((Number) mood.get(CallSentimentFields.CUSTOMER_END)).doubleValue(),
                            ((Number) mood.get(CallSentimentFields.CUSTOMER_MEAN)).doubleValue(), mood.get(CallSentimentFields.CUSTOMER_LINES));
                }
                TenantModels tenant = rules.tenant(call.reference().tenant());
                if (tenant.rules() != null) {
                    agreement.add(callId, tenant.rules(), tenant.compliance().evaluate(call.scriptLines()), verdict);
                }
            }
            System.out.printf(Locale.ROOT, "%noverall word error rate against the scripts: %.1f %% (%d words)%n",
                    100 * total.rate(), total.referenceWords());
            if (agreement.checks() > 0) {
                System.out.printf(Locale.ROOT, "compliance on recognized speech vs the same rules on the scripts: %d of %d "
                        + "rule checks agree%n", agreement.agreed(), agreement.checks());
                agreement.disagreements().forEach(d -> System.out.println("  " + d));
            }
        }
        System.out.println(ArchivedRecordings.summary(ArchivedRecordings.await(local.config().kafkaBootstrap(), callIds,
                importedSince, Duration.ofSeconds(60)), callIds.size()));
        imported.stream().filter(ImportResult::ok).findFirst().ifPresent(first -> System.out.println(
                "  listen to one: ./callsight recordings get " + first.callId() + " --tenant " + first.tenant()
                        + " -o call.wav   (decrypted with its tenant's key)"));
        boolean live = liveSpeed <= 0 || demo.isEmpty() || LiveDemo.run(local.config(), demo.get(0), liveSpeed, System.out);
        System.out.println();
        System.out.println("A simulated caller reports a lost card to the VoiceBot (" + VoicebotService.mediaStreamUrl(local.config()) + "):");
        boolean bot = new picocli.CommandLine(new SimulateCallCommand()).execute("--script", "lost-card",
                "--data-dir", local.config().dataDir().toString()) == 0;
        System.out.println("  more: ./callsight simulate-call --flow balance-and-cards --calls 3");
        String url = local.config().esUrl();
        System.out.println();
        System.out.println("Search the transcripts yourself, e.g. every customer who mentioned a card:");
        System.out.println("  curl -s '" + url + "/callsight-utterances/_search?pretty' -H 'Content-Type: application/json' \\");
        System.out.println("    -d '{\"query\":{\"bool\":{\"must\":{\"match\":{\"text\":\"card\"}},"
                + "\"filter\":[{\"term\":{\"track\":\"CUSTOMER\"}}]}},\"_source\":[\"callId\",\"startMs\",\"text\"]}'");
        System.out.println("  curl -s '" + url + "/callsight-calls/_search?pretty'");
        System.out.println("Calls that missed a must-say phrase or broke a must-not-say rule:");
        System.out.println("  curl -s '" + url + "/callsight-calls/_search?pretty&q=compliance.state:non_compliant"
                + "&_source=callId,tenant,compliance.missed,compliance.violations.rule'");
        System.out.println("Stop the stack with: ./callsight down");
        return imported.stream().allMatch(ImportResult::ok) && live && bot ? 0 : 2;
    }

    /**
     * The demo's three tenants in the registry, each with an ingest and a qa key, and a master key (all made once,
     * kept after); returns the registry. The keys are written in clear to a 0600 file so the CLI's own clients and a
     * person trying the services can use them: a demo convenience, not what production does.
     */
    static Path demoTenants(StackConfig config, PrintStream out) {
        TenantPaths paths = TenantPaths.resolve(config.dataDir(), null, System.getenv());
        Path keys = DemoTenants.ensure(paths, System.getenv(), DemoTenants.SPECS);
        out.println("demo tenants   " + DemoTenants.SPECS.stream().map(TenantSpec::id).toList() + " in " + paths.registry()
                + "; their API keys (ingest, qa) in " + keys + " (mode 0600)");
        return paths.registry();
    }

    /** "  [intent report_lost_card 0.93, negative]" for customer lines with an intent or a sentiment, else "". */
    static String describeInsight(TranscriptQueries.Line l) {
        if (!"CUSTOMER".equals(l.track()) || l.intent() == null && l.sentiment() == null) {
            return "";
        }
        List<String> parts = new java.util.ArrayList<>();
        if (l.intent() != null) {
            parts.add(String.format(Locale.ROOT, "intent %s %.2f", l.intent(), l.intentConfidence()));
        }
        if (l.sentiment() != null) {
            parts.add(l.sentiment());
        }
        return "  [" + String.join(", ", parts) + "]";
    }

    /** One line for the demo: the verdict, what was missed and what was said that must not be. */
    static String describeCompliance(Map<?, ?> compliance) {
        if (compliance == null) {
            return "compliance: not checked (no rules for this tenant)";
        }
        StringBuilder s = new StringBuilder("compliance: " + compliance.get(ComplianceFields.STATE) + " (" + compliance.get(ComplianceFields.RULES) + " rules)");
        List<?> missed = (List<?>) compliance.get(ComplianceFields.MISSED);
        if (missed != null && !missed.isEmpty()) {
            s.append("; missed ").append(String.join(", ", missed.stream().map(String::valueOf).toList()));
        }
        List<?> violations = (List<?>) compliance.get(ComplianceFields.VIOLATIONS);
        if (violations != null) {
            for (Object v : violations) {
                Map<?, ?> m = (Map<?, ?>) v;
                s.append(String.format(Locale.ROOT, "; broke %s at %.1fs (\"%s\")", m.get(ComplianceFields.RULE),
                        ((Number) m.get(ComplianceFields.AT_MS)).longValue() / 1000.0, m.get(ComplianceFields.HEARD)));
            }
        }
        return s.toString();
    }
}
