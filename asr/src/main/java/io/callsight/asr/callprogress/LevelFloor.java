package io.callsight.asr.callprogress;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The line's noise floor: the lowest 20 ms frame level of the last {@code windowFrames} frames (a sliding minimum).
 * A voice cannot be quieter than the line it travels on, and any stretch of 2 s of a call holds a pause or a gap
 * between rings, so the minimum is the noise. Used to keep the WebRTC VAD from taking the onset of loud
 * stationary noise for speech while its noise model is still adapting (it is at the start of every call).
 */
final class LevelFloor {
    private final int windowFrames;
    private final Deque<long[]> window = new ArrayDeque<>(); // {frame, level·1000} increasing in level
    private long frame;

    LevelFloor(int windowFrames) {
        this.windowFrames = windowFrames;
    }

    /** Adds the level of the next frame; returns the floor including it. */
    double accept(double levelDb) {
        long scaled = Math.round(levelDb * 1000);
        while (!window.isEmpty() && window.peekLast()[1] >= scaled) {
            window.removeLast();
        }
        window.addLast(new long[] {frame, scaled});
        while (window.peekFirst()[0] <= frame - windowFrames) {
            window.removeFirst();
        }
        frame++;
        return window.peekFirst()[1] / 1000.0;
    }
}
