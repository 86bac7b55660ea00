package io.callsight.asr.vad;

/**
 * Aggressiveness of the WebRTC VAD, with the reference's 10 ms-frame constants (WebRtcVad_set_mode_core).
 * Higher modes demand a larger likelihood ratio before calling a frame speech and hang over for less time:
 * fewer false alarms in noise, at the price of clipping weak speech.
 */
public enum VadMode {
    /** Mode 0, "quality": most speech kept, most noise let through. */
    QUALITY(8, 14, 24, 57),
    /** Mode 1, "low bitrate". */
    LOW_BITRATE(8, 14, 37, 100),
    /** Mode 2, "aggressive". */
    AGGRESSIVE(6, 9, 82, 285),
    /** Mode 3, "very aggressive". */
    VERY_AGGRESSIVE(6, 9, 94, 1100);

    /** Hangover frames after a short speech burst (at most 6 speech frames in a row). */
    final short shortHangover;
    /** Hangover frames after a longer speech run. */
    final short longHangover;
    /** Per-band log-likelihood-ratio threshold (the "local" test), scaled by 4. */
    final short localThreshold;
    /** Threshold for the spectrally weighted sum of band log-likelihood ratios (the "global" test). */
    final short globalThreshold;

    VadMode(int shortHangover, int longHangover, int localThreshold, int globalThreshold) {
        this.shortHangover = (short) shortHangover;
        this.longHangover = (short) longHangover;
        this.localThreshold = (short) localThreshold;
        this.globalThreshold = (short) globalThreshold;
    }

    /** The libfvad / py-webrtcvad mode number 0..3. */
    public int level() {
        return ordinal();
    }

    public static VadMode ofLevel(int level) {
        if (level < 0 || level > 3) {
            throw new IllegalArgumentException("VAD mode must be 0..3, got " + level);
        }
        return values()[level];
    }
}
