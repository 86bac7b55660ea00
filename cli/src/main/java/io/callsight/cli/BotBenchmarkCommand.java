package io.callsight.cli;

import io.callsight.asr.bench.MachineInfo;
import io.callsight.asr.bench.Percentiles;
import io.callsight.asr.recognition.VoskRecognizer;
import io.callsight.asr.turn.CallerTurns;
import io.callsight.dialog.flow.IntentCatalog;
import io.callsight.dialog.registry.FlowRegistry;
import io.callsight.tenants.Role;
import io.callsight.tenants.Retention;
import io.callsight.tenants.Tenant;
import io.callsight.tenants.TenantRegistry;
import io.callsight.tenants.auth.ApiKeys;
import io.callsight.tenants.auth.IssuedApiKey;
import io.callsight.tts.MaryTtsSynthesizer;
import io.callsight.tts.Voice;
import io.callsight.tts.prompt.PromptCache;
import io.callsight.tts.prompt.StreamingSynthesizer;
import io.callsight.voicebot.bot.BotBrain;
import io.callsight.voicebot.bot.BotServices;
import io.callsight.voicebot.bot.BotSessionReport;
import io.callsight.voicebot.bot.CallRecorder;
import io.callsight.voicebot.bot.CallerIntents;
import io.callsight.voicebot.server.GatewayServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code callsight bench bot}: N concurrent scripted calls against the real gateway and bot in this JVM (Vosk hears,
 * the flow decides, MaryTTS speaks, an imitator plays Twilio over a real WebSocket), for growing N; beside it, in the
 * same run, the same calls at N=1 with the end of a turn left to an 800 ms silence (Pipecat's default stop time).
 */
@Command(name = "bot", mixinStandardHelpOptions = true,
        description = {"VoiceBot: response latency (end of caller speech → first bot audio played) p50/p95/max, barge-in "
                + "stop time (caller speech start → clear) p95, task success of the example flows' caller scripts, "
                + "for N concurrent calls; baseline: N=1 with an 800 ms end-of-turn silence.",
                "Runs in process (no stack needed); the caller lines are MaryTTS in a caller voice."})
final class BotBenchmarkCommand implements Callable<Integer> {
    @Option(names = "--calls", split = ",", defaultValue = "1,5,10", description = "Concurrent calls per step (default: ${DEFAULT-VALUE}).")
    List<Integer> steps;

    @Option(names = "--rounds", defaultValue = "1", description = "Calls per concurrent caller and step (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--caller-voice", defaultValue = "CALLER_LOW",
            description = "MaryTTS voice of the scripted callers: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Voice callerVoice;

    @Option(names = "--end-of-turn-ms", defaultValue = "400", description = "End-of-turn silence under test (default: ${DEFAULT-VALUE}).")
    int endOfTurnMs;

    @Override
    public Integer call() throws Exception {
        System.out.println("machine: " + MachineInfo.describe());
        Path root = Path.of(System.getProperty("callsight.root", "."));
        IntentCatalog intents = IntentCatalog.load(List.of(root.resolve("datasets/demo-intents"))).catalog();
        try (FlowRegistry flows = new FlowRegistry(root.resolve("datasets/flows"), intents);
             VoskRecognizer recognizer = VoskRecognizer.withDefaultModel();
             StreamingSynthesizer synthesizer = new StreamingSynthesizer(new MaryTtsSynthesizer(), PromptCache.inMemory(64L << 20))) {
            flows.reload();
            System.err.println("synthesizing the caller lines and the flows' prompts...");
            Map<String, byte[]> audio = BotCallScripts.render(BotCallScripts.SCRIPTS, synthesizer, callerVoice);
            IssuedApiKey key = new ApiKeys().create("acme-bank", Role.INGEST);
            TenantRegistry registry = new TenantRegistry(List.of(new Tenant("acme-bank", "Acme Bank", List.of("en"),
                    ZoneId.of("UTC"), new Retention(30, 30), List.of(key.stored()), Optional.empty())));
            System.out.println();
            System.out.println("| setting | calls | lines answered | response p50 | p95 | max | barge-in stop p95 | task success | errors |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            step("baseline: end of turn 800 ms", 1, 800, flows, intents, recognizer, synthesizer, registry, key, audio);
            for (int n : steps) {
                step("end of turn " + endOfTurnMs + " ms", n, endOfTurnMs, flows, intents, recognizer, synthesizer, registry,
                        key, audio);
            }
        }
        System.out.println("\ntargets: response p50 <= 600 ms and p95 <= 900 ms at 10 calls; barge-in p95 <= 300 ms; task success >= 90 %");
        return 0;
    }

    private void step(String label, int n, int eotMs, FlowRegistry flows, IntentCatalog intents, VoskRecognizer recognizer,
            StreamingSynthesizer synthesizer, TenantRegistry registry, IssuedApiKey key, Map<String, byte[]> audio)
            throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors() * 2));
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        Map<String, BotSessionReport> reports = new ConcurrentHashMap<>();
        Path models = Path.of(System.getProperty("callsight.root", ".")).resolve("models");
        // the tenants' trained intent models, as `voicebot serve` uses them (trained by `callsight demo`)
        var modelRegistry = java.nio.file.Files.isDirectory(models) ? new io.callsight.nlp.insights.ModelRegistry(models, 60_000) : null;
        BotServices services = new BotServices(recognizer, synthesizer, Voice.AGENT, flows, CallerIntents.of(modelRegistry, intents),
                CallerTurns.Config.defaults().withEndOfTurnSilenceMs(eotMs), workers, timers, call -> CallRecorder.NONE,
                r -> reports.put(r.callId(), r), Clock.systemUTC());
        BotBrain brain = new BotBrain(services);
        brain.warmUp(flows.flows());
        ExecutorService callers = Executors.newFixedThreadPool(n);
        List<Long> responses = new ArrayList<>();
        List<Long> stops = new ArrayList<>();
        int calls = 0;
        int succeeded = 0;
        int errors = 0;
        try (GatewayServer server = GatewayServer.start(GatewayServer.Config.defaults(0).withHost("127.0.0.1"),
                () -> registry, brain)) {
            URI url = URI.create("ws://127.0.0.1:" + server.port() + GatewayServer.PATH);
            List<Future<BotCallScripts.Result>> futures = new ArrayList<>();
            Map<String, BotCallScripts.Script> scriptOf = new ConcurrentHashMap<>();
            for (int i = 0; i < n * rounds; i++) {
                BotCallScripts.Script script = BotCallScripts.SCRIPTS.get(i % BotCallScripts.SCRIPTS.size());
                String callSid = String.format(Locale.ROOT, "CA%032x", ((long) n << 32) + i + System.nanoTime());
                scriptOf.put(callSid, script);
                futures.add(callers.submit(() -> BotCallScripts.run(url, key.key(), script, audio, Duration.ofSeconds(60), callSid)));
            }
            for (Future<BotCallScripts.Result> f : futures) {
                calls++;
                try {
                    BotCallScripts.Result r = f.get(5, TimeUnit.MINUTES);
                    responses.addAll(r.responseMs());
                    stops.addAll(r.bargeInStopMs());
                    errors += r.errors().size();
                } catch (Exception e) {
                    errors++;
                }
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (reports.size() < calls && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            for (var e : scriptOf.entrySet()) {
                BotSessionReport r = reports.get(e.getKey());
                BotCallScripts.Script script = e.getValue();
                var outcome = r == null ? null : r.session().outcome();
                if (outcome != null && script.expectedOutcome().equals(outcome.kind().name())
                        && script.expectedQueue().equals(outcome.queue())) {
                    succeeded++;
                } else {
                    System.err.printf("  %s failed: expected %s %s, got %s; heard %s%n", script.name(), script.expectedOutcome(),
                            script.expectedQueue(), outcome, r == null ? "(no session report)" : r.session().turns().stream()
                                    .map(t -> t.state() + ":" + t.input() + ":" + t.heard() + "->" + t.result()).toList());
                }
            }
        } finally {
            callers.shutdownNow();
            workers.shutdownNow();
            timers.shutdownNow();
        }
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %d ms | %d ms | %d ms | %s | %.0f %% (%d/%d) | %d |%n", label, n,
                responses.size(), p(responses, 0.5), p(responses, 0.95), p(responses, 1.0),
                stops.isEmpty() ? "-" : p(stops, 0.95) + " ms", 100.0 * succeeded / Math.max(1, calls), succeeded, calls, errors);
    }

    private static long p(List<Long> values, double q) {
        return values.isEmpty() ? -1
                : Percentiles.nearestRank(values.stream().mapToLong(Long::longValue).sorted().toArray(), q);
    }
}
