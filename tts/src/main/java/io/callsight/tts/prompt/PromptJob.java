package io.callsight.tts.prompt;

import static io.callsight.tts.prompt.TelephonyFormat.FRAME_BYTES;

import io.callsight.tts.Voice;
import io.callsight.tts.prompt.Prompt.PromptSentence;
import io.callsight.tts.prompt.PromptMetrics.Outcome;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One prompt on its way out: walks the sentences in order, takes cached ones at once and hands each other
 * one to the scheduler, then queues its frames. At most one sentence of a prompt is in the scheduler at a
 * time, so sentences are made, and frames queued, strictly in order.
 */
final class PromptJob implements SpeechStream {
    private final List<PromptSentence> sentences;
    private final Voice voice;
    private final SentenceRenderer renderer;
    private final SynthesisScheduler scheduler;
    private final Consumer<PromptMetrics> onDone;
    private final FrameQueue queue = new FrameQueue();
    private final AtomicBoolean done = new AtomicBoolean();
    private final long startNanos = System.nanoTime();

    private volatile boolean cancelled;
    private volatile SynthesisScheduler.Task pending;
    private int nextSentence;

    // metrics, written by whichever thread runs the prompt at the moment, read by any
    private Outcome outcome = Outcome.RUNNING;
    private int fromCache;
    private int synthesized;
    private int frames;
    private long firstFrameNanos = -1;
    private long synthesisNanos;
    private long endNanos = -1;

    PromptJob(Prompt prompt, Voice voice, SentenceRenderer renderer, SynthesisScheduler scheduler,
              Consumer<PromptMetrics> onDone) {
        this.sentences = prompt.sentences();
        this.voice = voice;
        this.renderer = renderer;
        this.scheduler = scheduler;
        this.onDone = onDone;
    }

    /** Runs on the caller's thread: a prompt that starts with cached sentences has frames before this returns. */
    void start() {
        advance();
    }

    @Override
    public Optional<byte[]> next() throws InterruptedException {
        return queue.take();
    }

    @Override
    public void cancel() {
        cancelled = true;
        SynthesisScheduler.Task waiting = pending;
        if (waiting != null) {
            scheduler.withdraw(waiting);
        }
        // A prompt whose synthesis is complete keeps that outcome, but its queued frames still go.
        finish(Outcome.CANCELLED);
        queue.cancel();
    }

    @Override
    public synchronized PromptMetrics metrics() {
        long now = endNanos >= 0 ? endNanos : System.nanoTime();
        Optional<Duration> firstFrame = firstFrameNanos < 0 ? Optional.empty()
                : Optional.of(Duration.ofNanos(firstFrameNanos - startNanos));
        return new PromptMetrics(outcome, sentences.size(), fromCache, synthesized, frames, firstFrame,
                Duration.ofNanos(synthesisNanos), Duration.ofNanos(now - startNanos));
    }

    private void advance() {
        try {
            while (!cancelled && nextSentence < sentences.size()) {
                PromptSentence sentence = sentences.get(nextSentence);
                Optional<byte[]> cached = renderer.cached(sentence, voice);
                if (cached.isEmpty()) {
                    pending = scheduler.submit(nextSentence == 0, this::synthesizeNext, this::cancel);
                    return;
                }
                countFromCache();
                emit(cached.get());
                nextSentence++;
            }
            if (!cancelled) {
                finish(Outcome.COMPLETED); // before the reader is let go, so its metrics() are final
                queue.end();
            }
        } catch (RuntimeException | Error e) {
            fail(e);
        }
    }

    /** Runs on a synthesis worker. */
    private void synthesizeNext() {
        pending = null;
        if (cancelled) {
            return;
        }
        try {
            long started = System.nanoTime();
            byte[] audio = renderer.synthesize(sentences.get(nextSentence), voice);
            countSynthesized(System.nanoTime() - started);
            emit(audio);
            nextSentence++;
        } catch (RuntimeException | Error e) {
            fail(e);
            return;
        }
        advance();
    }

    private void fail(Throwable cause) {
        finish(Outcome.FAILED);
        queue.fail(cause);
        if (cause instanceof Error error) {
            throw error;
        }
    }

    private void emit(byte[] sentenceAudio) {
        if (cancelled || sentenceAudio.length == 0) {
            return;
        }
        if (framesSoFar() > 0) {
            byte[] silence = TelephonyEncoder.silentFrame();
            for (int i = 0; i < TelephonyEncoder.sentencePauseFrames(); i++) {
                queueFrame(silence.clone());
            }
        }
        for (int offset = 0; offset < sentenceAudio.length; offset += FRAME_BYTES) {
            queueFrame(Arrays.copyOfRange(sentenceAudio, offset, offset + FRAME_BYTES));
        }
    }

    private void queueFrame(byte[] frame) {
        synchronized (this) {
            if (firstFrameNanos < 0) {
                firstFrameNanos = System.nanoTime();
            }
            frames++;
        }
        queue.offer(frame);
    }

    private synchronized int framesSoFar() {
        return frames;
    }

    private synchronized void countFromCache() {
        fromCache++;
    }

    private synchronized void countSynthesized(long nanos) {
        synthesized++;
        synthesisNanos += nanos;
    }

    private void finish(Outcome how) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            outcome = how;
            endNanos = System.nanoTime();
        }
        onDone.accept(metrics());
    }
}
