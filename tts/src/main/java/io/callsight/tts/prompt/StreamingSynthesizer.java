package io.callsight.tts.prompt;

import io.callsight.tts.SpeechSynthesizer;
import io.callsight.tts.Voice;
import io.callsight.tts.prompt.Prompt.PromptSentence;
import java.time.Duration;
import java.util.Collection;
import java.util.function.Consumer;

/**
 * Speaks prompts on phone lines: sentence by sentence on background workers, as 8 kHz μ-law 20 ms frames,
 * static sentences from a {@link PromptCache}. One instance serves every call of a gateway.
 */
public final class StreamingSynthesizer implements AutoCloseable {
    private final SentenceRenderer renderer;
    private final PromptCache cache;
    private final SynthesisScheduler scheduler;
    private final Consumer<PromptMetrics> onPromptDone;

    /**
     * One worker: MaryTTS runs one synthesis at a time in a process (see {@code MaryTtsSynthesizer}), so more
     * would only wait on each other.
     */
    public StreamingSynthesizer(SpeechSynthesizer engine, PromptCache cache) {
        this(engine, cache, 1, metrics -> { });
    }

    /**
     * @param workers threads synthesizing at once; more than one only helps an engine that runs in parallel
     * @param onPromptDone told each prompt's metrics when it completes, is cancelled or fails, on the thread
     *     that ended it: keep it short
     */
    public StreamingSynthesizer(SpeechSynthesizer engine, PromptCache cache, int workers,
                                Consumer<PromptMetrics> onPromptDone) {
        this.renderer = new SentenceRenderer(engine, cache);
        this.cache = cache;
        this.scheduler = new SynthesisScheduler(workers);
        this.onPromptDone = onPromptDone;
    }

    /** Starts speaking at once and returns; frames follow as each sentence is ready. */
    public SpeechStream speak(Prompt prompt, Voice voice) {
        PromptJob job = new PromptJob(prompt, voice, renderer, scheduler, onPromptDone);
        job.start();
        return job;
    }

    /**
     * Synthesizes the static sentences of {@code prompts} that are not cached yet, on the calling thread: run
     * it at startup with a flow's prompts so the first caller does not wait for them. Sentences with slot
     * values are left for the calls.
     */
    public WarmUpReport warmUp(Collection<Prompt> prompts, Voice voice) {
        long start = System.nanoTime();
        int synthesized = 0;
        int alreadyCached = 0;
        int live = 0;
        for (Prompt prompt : prompts) {
            for (PromptSentence sentence : prompt.sentences()) {
                if (!sentence.cacheable()) {
                    live++;
                } else if (renderer.cached(sentence, voice).isPresent()) {
                    alreadyCached++;
                } else {
                    renderer.synthesize(sentence, voice);
                    synthesized++;
                }
            }
        }
        return new WarmUpReport(synthesized, alreadyCached, live, Duration.ofNanos(System.nanoTime() - start));
    }

    public PromptCache.CacheStats cacheStats() {
        return cache.stats();
    }

    /** Stops the workers; prompts still running end without their remaining sentences. */
    @Override
    public void close() {
        scheduler.shutdown();
    }

    /** What a warm-up did; {@code liveSentences} carry slot values and are synthesized per call. */
    public record WarmUpReport(int synthesized, int alreadyCached, int liveSentences, Duration elapsed) {
    }
}
