package io.callsight.tts.bench;

import io.callsight.asr.audio.G711;
import io.callsight.asr.audio.Resampler;
import io.callsight.asr.bench.MachineInfo;
import io.callsight.tts.MaryTtsSynthesizer;
import io.callsight.tts.SpeechSynthesizer;
import io.callsight.tts.Voice;
import io.callsight.tts.prompt.Prompt;
import io.callsight.tts.prompt.PromptCache;
import io.callsight.tts.prompt.PromptMetrics;
import io.callsight.tts.prompt.SpeechStream;
import io.callsight.tts.prompt.StreamingSynthesizer;
import io.callsight.tts.prompt.TelephonyFormat;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Time to first telephony frame of a three-sentence prompt with MaryTTS: synthesized whole (the baseline: a
 * phone line gets nothing until the whole text is spoken), streamed sentence by sentence from cold, and
 * streamed from the prompt cache. Run with {@code java -cp ... io.callsight.tts.bench.PromptLatencyBenchmark
 * [rounds]}, or call {@link #run} from the CLI.
 */
public final class PromptLatencyBenchmark {
    public static final String PROMPT = "Thank you for calling Acme Bank. I can help with your balance, your cards "
            + "and your payments. What would you like to do today?";

    private PromptLatencyBenchmark() {
    }

    public static void main(String[] args) throws InterruptedException {
        run(System.out, args.length > 0 ? Integer.parseInt(args[0]) : 5);
    }

    public static Result run(PrintStream out, int rounds) throws InterruptedException {
        out.println("Prompt latency benchmark on " + MachineInfo.describe());
        long start = System.nanoTime();
        MaryTtsSynthesizer mary = new MaryTtsSynthesizer();
        double startSeconds = (System.nanoTime() - start) / 1e9;
        Voice voice = Voice.CUSTOMER;
        Prompt prompt = Prompt.fixed(PROMPT);
        wholeFirstFrameMs(mary, voice); // unmeasured: the first syntheses of a JVM run slower (JIT)

        double[] whole = new double[rounds];
        double[] cold = new double[rounds];
        double[] coldLast = new double[rounds];
        double[] cached = new double[rounds];
        PromptMetrics last = null;
        try (StreamingSynthesizer uncached = new StreamingSynthesizer(mary, PromptCache.none());
             StreamingSynthesizer withCache = new StreamingSynthesizer(mary, PromptCache.inMemory(8 << 20))) {
            withCache.warmUp(List.of(prompt), voice);
            for (int r = 0; r < rounds; r++) {
                whole[r] = wholeFirstFrameMs(mary, voice);
                last = playToEnd(uncached.speak(prompt, voice));
                cold[r] = millis(last.timeToFirstFrame());
                coldLast[r] = last.elapsed().toNanos() / 1e6;
                cached[r] = millis(playToEnd(withCache.speak(prompt, voice)).timeToFirstFrame());
            }
        }
        Result result = new Result(median(whole), median(cold), median(cached), median(coldLast));
        out.printf(Locale.ROOT, "MaryTTS start %.1f s; prompt: %d sentences, %.1f s of audio at 8 kHz μ-law%n",
                startSeconds, prompt.sentences().size(), last.audio().toMillis() / 1000.0);
        out.printf(Locale.ROOT, "time to first 20 ms frame, %d rounds         median     min     max%n", rounds);
        row(out, "whole prompt, then framed (baseline)", whole);
        row(out, "streamed by sentence, cold", cold);
        row(out, "streamed from the prompt cache", cached);
        row(out, "(streamed, cold: last frame ready)", coldLast);
        out.printf(Locale.ROOT, "streaming cuts time to first frame %.1fx against the baseline; the cache makes it"
                + " a memory copy%n", result.wholeMs() / result.streamedColdMs());
        return result;
    }

    /** Medians in milliseconds. */
    public record Result(double wholeMs, double streamedColdMs, double cachedMs, double streamedLastFrameMs) {
    }

    /** What a non-streaming synthesizer gives a phone line: the first frame exists once everything is encoded. */
    private static double wholeFirstFrameMs(SpeechSynthesizer engine, Voice voice) {
        long start = System.nanoTime();
        short[] speech = engine.synthesize(PROMPT, voice);
        byte[] line = G711.ulawEncode(Resampler.resample(speech, engine.sampleRate(), TelephonyFormat.SAMPLE_RATE));
        if (line.length < TelephonyFormat.FRAME_BYTES) {
            throw new IllegalStateException("MaryTTS returned less than one frame for the benchmark prompt");
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static PromptMetrics playToEnd(SpeechStream stream) throws InterruptedException {
        while (stream.next().isPresent()) {
            // a gateway would send each frame; here only the timings matter
        }
        return stream.metrics();
    }

    private static double millis(Optional<java.time.Duration> duration) {
        return duration.orElseThrow().toNanos() / 1e6;
    }

    private static double millis(java.time.Duration duration) {
        return duration.toNanos() / 1e6;
    }

    private static void row(PrintStream out, String label, double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        out.printf(Locale.ROOT, "  %-40s %7.1f %7.1f %7.1f ms%n", label, median(ms), sorted[0], sorted[sorted.length - 1]);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
