package io.callsight.cli;

import io.callsight.stack.StackConfig;
import io.callsight.tenants.TenantPaths;
import io.callsight.tts.MaryTtsSynthesizer;
import io.callsight.tts.Voice;
import io.callsight.tts.prompt.PromptCache;
import io.callsight.tts.prompt.StreamingSynthesizer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code callsight simulate-call}: scripted callers against a running VoiceBot gateway, as Twilio would connect. */
@Command(name = "simulate-call", mixinStandardHelpOptions = true,
        description = {"Calls the VoiceBot gateway as Twilio Media Streams would: speaks a script's caller lines with "
                + "MaryTTS in a caller voice (some interrupt the bot), and checks that each line is answered and the bot "
                + "ends the call.", "Scripts: lost-card, lost-card-barge-in, close-account (flow balance-and-cards of "
                + "acme-bank). Default: every script of --flow."})
final class SimulateCallCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--flow", defaultValue = "balance-and-cards", description = "Flow (default: ${DEFAULT-VALUE}).")
    String flow;

    @Option(names = "--script", description = "One script by name (default: all of the flow's).")
    String script;

    @Option(names = "--calls", defaultValue = "1", description = "Concurrent calls (default: ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--url", description = "Gateway URL (default: the local stack's).")
    URI url;

    @Option(names = "--api-key", description = "A tenant ingest key (default: the demo tenant's from demo-keys.json).")
    String apiKey;

    @Override
    public Integer call() throws Exception {
        List<BotCallScripts.Script> scripts = BotCallScripts.SCRIPTS.stream().filter(s -> s.flow().equals(flow))
                .filter(s -> script == null || s.name().equals(script)).toList();
        if (scripts.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no caller script " + (script != null ? "'" + script + "' " : "")
                    + "for flow '" + flow + "'; known: " + BotCallScripts.SCRIPTS.stream().map(s -> s.name() + " (" + s.flow() + ")").toList());
        }
        StackConfig config = stack.config();
        URI target = url != null ? url : URI.create(VoicebotService.mediaStreamUrl(config));
        String key = apiKey != null ? apiKey : ReplayCommand.demoCredentials(
                TenantPaths.resolve(config.dataDir(), null, System.getenv()).demoKeys(), scripts.get(0).tenant()).apiKey();
        System.err.println("synthesizing the caller lines...");
        Map<String, byte[]> audio;
        try (StreamingSynthesizer synthesizer = new StreamingSynthesizer(new MaryTtsSynthesizer(), PromptCache.inMemory(16L << 20))) {
            audio = BotCallScripts.render(scripts, synthesizer, Voice.CALLER_LOW);
        }
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        int failed = 0;
        try {
            List<Future<BotCallScripts.Result>> results = new ArrayList<>();
            for (int i = 0; i < calls * scripts.size(); i++) {
                BotCallScripts.Script s = scripts.get(i % scripts.size());
                results.add(pool.submit(() -> BotCallScripts.run(target, key, s, audio, Duration.ofSeconds(60))));
            }
            for (Future<BotCallScripts.Result> f : results) {
                try {
                    BotCallScripts.Result r = f.get(5, TimeUnit.MINUTES);
                    boolean ok = r.closeCode() == 1000 && r.errors().isEmpty() && r.responseMs().size() == r.script().lines().size();
                    if (!ok) failed++;
                    System.out.printf("%-20s %s  answers after %s ms, barge-in stop %s ms, closed %d, %d protocol errors%s%n",
                            r.script().name(), ok ? "ok  " : "FAIL", r.responseMs(), r.bargeInStopMs(), r.closeCode(),
                            r.errors().size(), r.errors().isEmpty() ? "" : ": " + r.errors());
                } catch (Exception e) {
                    failed++;
                    System.out.println("call failed: " + e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return failed == 0 ? 0 : 1;
    }
}
