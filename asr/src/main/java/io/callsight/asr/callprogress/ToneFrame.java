package io.callsight.asr.callprogress;

/**
 * What {@link ToneAnalyzer} measured in the 50 ms window ending with one 20 ms frame.
 *
 * @param index         frame number from the start of the call (frame i ends at (i+1)·20 ms)
 * @param levelDb       RMS level of the frame's own 20 ms, dBFS (re 32768), -120 for digital silence
 * @param dominantHz    frequency of the strongest spectral peak between 300 and 3400 Hz (interpolated)
 * @param dominantShare share of the window's energy within ±50 Hz of that peak: about 1 for a pure tone
 * @param planTone      index into {@link ToneAnalyzer#planTones()} of the plan tone frequencies this window holds,
 *                      or -1
 * @param planToneShare share of the window's energy on those frequencies (0 when none)
 */
public record ToneFrame(long index, double levelDb, double dominantHz, double dominantShare, int planTone,
        double planToneShare) {
    public static final int FRAME_MS = 20;
    /** The analysis window is centred this long before the frame's end: the time a tone measurement refers to. */
    public static final int CENTRE_LAG_MS = 25;

    public long endMs() {
        return (index + 1) * FRAME_MS;
    }

    /** The time the measurement refers to: the middle of the 50 ms window. */
    public long centreMs() {
        return endMs() - CENTRE_LAG_MS;
    }

    /** A single frequency between {@code loHz} and {@code hiHz} holds at least {@code minShare} of the window. */
    public boolean pureToneIn(double loHz, double hiHz, double minShare) {
        return dominantShare >= minShare && dominantHz >= loHz && dominantHz <= hiHz;
    }
}
