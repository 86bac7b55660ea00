package io.callsight.tts.prompt;

import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Worker threads that synthesize one sentence per task, first sentences of prompts ahead of the rest.
 *
 * <p>With several calls talking, a prompt's later sentence has the audio before it (a second or more) to be
 * made in, while a first sentence has a caller waiting in silence; so a new prompt's first sentence goes
 * before every queued continuation, and within each kind it is first come, first served. One task per
 * sentence, not per prompt, lets a long prompt of one call not hold up another call's reply.
 */
final class SynthesisScheduler {
    private final ThreadPoolExecutor executor;
    private final AtomicLong submitted = new AtomicLong();

    SynthesisScheduler(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("need at least one synthesis worker, not " + workers);
        }
        this.executor = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS,
                new PriorityBlockingQueue<>(), daemonThreads());
    }

    /**
     * @param onDropped run instead of {@code work} if the scheduler shuts down first, so the prompt's reader
     *     is not left waiting for frames that will never come
     */
    Task submit(boolean firstOfPrompt, Runnable work, Runnable onDropped) {
        Task task = new Task(firstOfPrompt, submitted.getAndIncrement(), work, onDropped);
        executor.execute(task);
        return task;
    }

    /** Takes a task out of the queue before it starts; a running task is not stopped. */
    void withdraw(Task task) {
        executor.remove(task);
    }

    void shutdown() {
        for (Runnable neverRun : executor.shutdownNow()) {
            ((Task) neverRun).onDropped.run();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "tts-synthesis-" + count.incrementAndGet());
            thread.setDaemon(true); // a synthesis in progress must not keep the JVM from exiting
            return thread;
        };
    }

    static final class Task implements Runnable, Comparable<Task> {
        private final boolean firstOfPrompt;
        private final long order;
        private final Runnable work;
        private final Runnable onDropped;

        private Task(boolean firstOfPrompt, long order, Runnable work, Runnable onDropped) {
            this.firstOfPrompt = firstOfPrompt;
            this.order = order;
            this.work = work;
            this.onDropped = onDropped;
        }

        @Override
        public void run() {
            work.run();
        }

        @Override
        public int compareTo(Task other) {
            if (firstOfPrompt != other.firstOfPrompt) {
                return firstOfPrompt ? -1 : 1;
            }
            return Long.compare(order, other.order);
        }
    }
}
