package io.callsight.cli;

import io.callsight.asr.audio.WavFile;
import io.callsight.asr.bench.DecodeRun;
import io.callsight.asr.bench.MachineInfo;
import io.callsight.asr.bench.RawDecodeBenchmark;
import io.callsight.asr.eval.WordErrorRate;
import io.callsight.ingest.ImportResult;
import io.callsight.search.query.TranscriptQueries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * (a) raw Vosk decoding, single thread, no Kafka/Flink/ES ({@link RawDecodeBenchmark}, the engine's own); (b) the
 * full path import → Kafka → Flink (parallelism 2) → Elasticsearch, on the same demo audio in the same run. b / (2
 * × a) says how much of two cores' worth of raw decoding the platform delivers. Only (b) needs the stack, so only
 * (b) is measured here.
 */
@Command(name = "asr", mixinStandardHelpOptions = true,
        description = {"Raw Vosk decode speed vs. the full import → Kafka → Flink → Elasticsearch path on the demo calls.",
                "Starts the embedded stack if it is not running. Prints audio seconds per wall second and WER."})
final class AsrBenchmarkCommand implements Callable<Integer> {
    @Mixin
    StackOptions stack;

    @Option(names = "--calls", description = "Use only the first N demo calls (default: all).")
    Integer calls;

    @Option(names = "--timeout", defaultValue = "PT20M", description = "Limit for the full-path run (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        List<DemoCalls.DemoCall> demo = DemoCalls.ensureRendered(System.err);
        if (calls != null) {
            demo = demo.subList(0, Math.min(calls, demo.size()));
        }
        System.out.println("machine: " + MachineInfo.describe());
        System.out.printf("corpus: %d demo calls, stereo 8 kHz μ-law (MaryTTS)%n%n", demo.size());

        DecodeRun raw = RawDecodeBenchmark.run(RawDecodeBenchmark.Options.defaults(),
                demo.stream().map(DemoCalls.DemoCall::transcripts).toList(), System.out);
        DecodeRun full = fullPath(demo);

        System.out.println();
        System.out.println("| path                                   | track audio s | wall s | audio s / wall s | WER    |");
        System.out.println("|----------------------------------------|---------------|--------|------------------|--------|");
        print("(a) raw Vosk decode, 1 thread", raw);
        print("(b) import→Kafka→Flink(p=2)→ES", full);
        System.out.printf(Locale.ROOT, "%nratio b / (2 × a) = %.2f%n", full.speed() / (2 * raw.speed()));
        return 0;
    }

    private static void print(String name, DecodeRun r) {
        System.out.printf(Locale.ROOT, "| %-38s | %13.1f | %6.1f | %16.1f | %5.1f%% |%n", name, r.audioSeconds(),
                r.wallSeconds(), r.speed(), 100 * r.wer().rate());
    }

    private DecodeRun fullPath(List<DemoCalls.DemoCall> demo) throws Exception {
        LocalStack local = new LocalStack(stack.config());
        System.out.println("(b) full path: starting the stack if needed...");
        local.up(System.out);
        // Fresh call ids, so the run cannot find documents from an earlier run already indexed.
        String run = "bench-" + Long.toString(System.currentTimeMillis(), 36);
        Path dir = Files.createTempDirectory(run);
        List<Path> wavs = new ArrayList<>();
        for (DemoCalls.DemoCall call : demo) {
            Path wav = dir.resolve(call.name() + ".wav");
            Files.copy(call.wav(), wav);
            var ref = call.reference();
            Files.writeString(dir.resolve(call.name() + ".json"), String.format(
                    "{\"tenant\":\"%s\",\"callId\":\"%s-%s\",\"agentId\":\"%s\",\"direction\":\"%s\"}",
                    ref.tenant(), run, call.name(), ref.agentId(), ref.direction()));
            wavs.add(wav);
        }
        double audioSeconds = 0;
        for (DemoCalls.DemoCall call : demo) {
            audioSeconds += 2 * WavFile.read(call.wav()).durationMs() / 1000.0;
        }
        long start = System.nanoTime();
        Path registry = DemoCommand.demoTenants(local.config(), System.out);
        List<ImportResult> imported = ImportCommand.importCalls(local.config().kafkaBootstrap(), registry, "demo", 100, wavs);
        List<String> ids = imported.stream().filter(ImportResult::ok).map(ImportResult::callId).toList();
        WordErrorRate.Score score = WordErrorRate.Score.ZERO;
        try (TranscriptQueries es = new TranscriptQueries(local.config().esUrl(), DemoCommand.DEMO_SCOPE)) {
            Set<String> done = es.awaitTranscribed(ids, timeout,
                    n -> System.out.printf("  %d/%d calls indexed%n", n, ids.size()));
            double wall = (System.nanoTime() - start) / 1e9;
            if (!done.containsAll(ids)) {
                throw new IllegalStateException("only " + done.size() + " of " + ids.size()
                        + " calls were indexed within " + timeout);
            }
            for (DemoCalls.DemoCall call : demo) {
                score = score.plus(call.score(es.transcript(run + "-" + call.name())));
            }
            return new DecodeRun(audioSeconds, wall, score);
        }
    }
}
