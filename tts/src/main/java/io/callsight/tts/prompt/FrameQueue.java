package io.callsight.tts.prompt;

import io.callsight.tts.SpeechSynthesisException;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;

/** Frames handed from the synthesis worker to the reader, closed by the end of the prompt, a failure or a cancel. */
final class FrameQueue {
    /** Compared by identity: no frame is ever this array. */
    private static final byte[] END = new byte[0];

    private final LinkedBlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
    private volatile boolean cancelled;
    private volatile Throwable failure;

    void offer(byte[] frame) {
        if (!cancelled) {
            frames.add(frame);
        }
    }

    void end() {
        frames.add(END);
    }

    void fail(Throwable cause) {
        failure = cause;
        frames.add(END);
    }

    /** Drops what is queued: after a barge-in not one more frame may be played. */
    void cancel() {
        cancelled = true;
        frames.clear();
        frames.add(END);
    }

    Optional<byte[]> take() throws InterruptedException {
        if (cancelled) {
            return Optional.empty();
        }
        byte[] frame = frames.take();
        if (frame == END) {
            frames.add(END); // every later take ends too
            if (failure != null && !cancelled) {
                throw new SpeechSynthesisException("the prompt could not be synthesized to its end", failure);
            }
            return Optional.empty();
        }
        return Optional.of(frame);
    }
}
