package io.callsight.asr.callprogress;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Turns per-frame "tone present" flags into bursts with hysteresis: a burst starts after {@code minOnMs} of tone
 * (backdated to its first frame) and ends after {@code gapBridgeMs} without it (dated at its last tone frame), so
 * a lone noisy frame neither starts a burst nor splits one. Times are the frames' window centres.
 */
final class BurstTracker {
    private static final int KEEP = 12;
    private final int minOnFrames;
    private final int bridgeFrames;
    private final Deque<ToneBurst> bursts = new ArrayDeque<>();

    private boolean on;
    private int runFrames;
    private int missFrames;
    private long runStartMs;
    private long lastToneMs;
    private boolean runPartial;
    private long firstFrameMs = Long.MIN_VALUE;
    private ToneBurst justEnded;

    BurstTracker(int minOnMs, int gapBridgeMs) {
        this.minOnFrames = Math.max(1, (minOnMs + ToneFrame.FRAME_MS - 1) / ToneFrame.FRAME_MS);
        this.bridgeFrames = Math.max(1, gapBridgeMs / ToneFrame.FRAME_MS + 1);
    }

    /**
     * Feeds one frame. Returns the burst that ended with it (the frame that confirms the gap), else null.
     */
    ToneBurst accept(boolean tone, long centreMs) {
        if (firstFrameMs == Long.MIN_VALUE) {
            firstFrameMs = centreMs;
        }
        justEnded = null;
        if (!on) {
            if (tone) {
                if (runFrames == 0) {
                    runStartMs = Math.max(0, centreMs - ToneFrame.FRAME_MS / 2);
                    // within the first window's reach of the start of listening: it may have begun earlier
                    runPartial = centreMs - firstFrameMs < 2L * ToneFrame.FRAME_MS;
                }
                runFrames++;
                lastToneMs = centreMs;
                if (runFrames >= minOnFrames) {
                    on = true;
                    missFrames = 0;
                }
            } else {
                runFrames = 0;
            }
        } else if (tone) {
            missFrames = 0;
            lastToneMs = centreMs;
        } else if (++missFrames >= bridgeFrames) {
            on = false;
            runFrames = 0;
            justEnded = new ToneBurst(runStartMs, lastToneMs + ToneFrame.FRAME_MS / 2, runPartial);
            bursts.addLast(justEnded);
            while (bursts.size() > KEEP) {
                bursts.removeFirst();
            }
        }
        return justEnded;
    }

    boolean isOn() {
        return on;
    }

    /** Start of the burst in progress (valid while {@link #isOn()}). */
    long currentStartMs() {
        return runStartMs;
    }

    boolean currentPartial() {
        return runPartial;
    }

    /** Length of the burst in progress up to its last tone frame. */
    long currentDurationMs() {
        return on ? lastToneMs + ToneFrame.FRAME_MS / 2 - runStartMs : 0;
    }

    /** Completed bursts, oldest first (the last dozen). */
    List<ToneBurst> bursts() {
        return new ArrayList<>(bursts);
    }

    ToneBurst last() {
        return bursts.peekLast();
    }

    /** Time of the last frame that had the tone, or Long.MIN_VALUE. */
    long lastToneMs() {
        return runFrames > 0 || on || !bursts.isEmpty() ? lastToneMs : Long.MIN_VALUE;
    }
}
