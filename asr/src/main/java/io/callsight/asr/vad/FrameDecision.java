package io.callsight.asr.vad;

/**
 * The detector's verdict on one 10 ms frame of a track.
 *
 * @param index    frame number from the start of the stream (frame i covers [i·10 ms, (i+1)·10 ms))
 * @param speech   speech, including hangover frames
 * @param hangover speech only because of the hangover after a detected burst (the frame itself scored as noise)
 */
public record FrameDecision(long index, boolean speech, boolean hangover) {
    public static final int FRAME_MS = 10;

    public long startMs() {
        return index * FRAME_MS;
    }

    public long endMs() {
        return (index + 1) * FRAME_MS;
    }
}
