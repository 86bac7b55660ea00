package io.callsight.asr.vad;

/**
 * How frame decisions become speech segments.
 *
 * @param mode           WebRTC aggressiveness of the frame detector
 * @param minSpeechMs    a speech run shorter than this (clicks, a cough's onset) never opens a segment
 * @param minSilenceMs   a segment ends only after at least this much silence; shorter pauses stay inside it
 * @param prePaddingMs   audio kept before the first speech frame, so soft onsets ("f", "s", "h") survive
 * @param postPaddingMs  audio kept after the last speech frame, so trailing weak consonants survive
 * @param closingSilenceMs digital silence passed after each segment, so the recognizer's own endpointer closes
 *                       the utterance as it would on the ungated track (0: no bridge, the stream is finalized)
 */
public record VadConfig(VadMode mode, int minSpeechMs, int minSilenceMs, int prePaddingMs, int postPaddingMs,
        int closingSilenceMs) implements java.io.Serializable {

    public VadConfig(VadMode mode, int minSpeechMs, int minSilenceMs, int prePaddingMs, int postPaddingMs) {
        this(mode, minSpeechMs, minSilenceMs, prePaddingMs, postPaddingMs, 0);
    }

    public VadConfig {
        java.util.Objects.requireNonNull(mode, "mode");
        requireNonNegative("minSpeechMs", minSpeechMs);
        requireNonNegative("minSilenceMs", minSilenceMs);
        requireNonNegative("prePaddingMs", prePaddingMs);
        requireNonNegative("postPaddingMs", postPaddingMs);
        requireNonNegative("closingSilenceMs", closingSilenceMs);
    }

    /**
     * Defaults for gating a recognizer on telephone calls: mode 2 (aggressive), 80 ms minimum speech, split on
     * 300 ms of silence, 300 ms padding before and 400 ms after speech. With this padding two speech runs are
     * decoded as separate segments only when at least 700 ms of silence separates them (shorter gaps are kept,
     * as the pads would overlap), so only long silences are skipped; see the report for the measured rates.
     *
     * <p>Each segment is followed by 1 s of digital silence rather than a forced finalization: finalizing resets
     * the recognizer's feature normalization, and the first words of the next segment came out wrong ("thank
     * you" → "and you"; +4.8 WER points on two demo calls), while a second of silence lets Vosk's endpointer
     * (0.5–1 s trailing-silence rules) close the utterance itself at ~1/25 of the cost of decoding speech.
     */
    public static VadConfig defaults() {
        return new VadConfig(VadMode.AGGRESSIVE, 80, 300, 300, 400, 1000);
    }

    public VadConfig withMode(VadMode newMode) {
        return new VadConfig(newMode, minSpeechMs, minSilenceMs, prePaddingMs, postPaddingMs, closingSilenceMs);
    }

    public VadConfig withPadding(int beforeMs, int afterMs) {
        return new VadConfig(mode, minSpeechMs, minSilenceMs, beforeMs, afterMs, closingSilenceMs);
    }

    public VadConfig withMinSpeechMs(int ms) {
        return new VadConfig(mode, ms, minSilenceMs, prePaddingMs, postPaddingMs, closingSilenceMs);
    }

    public VadConfig withMinSilenceMs(int ms) {
        return new VadConfig(mode, minSpeechMs, ms, prePaddingMs, postPaddingMs, closingSilenceMs);
    }

    public VadConfig withClosingSilenceMs(int ms) {
        return new VadConfig(mode, minSpeechMs, minSilenceMs, prePaddingMs, postPaddingMs, ms);
    }

    int minSpeechFrames() {
        return Math.max(1, ceilFrames(minSpeechMs));
    }

    int minSilenceFrames() {
        return Math.max(1, ceilFrames(minSilenceMs));
    }

    int prePaddingFrames() {
        return ceilFrames(prePaddingMs);
    }

    int postPaddingFrames() {
        return ceilFrames(postPaddingMs);
    }

    private static int ceilFrames(int ms) {
        return (ms + FrameDecision.FRAME_MS - 1) / FrameDecision.FRAME_MS;
    }

    private static void requireNonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
    }
}
