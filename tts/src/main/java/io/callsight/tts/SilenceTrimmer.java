package io.callsight.tts;

import java.util.Arrays;

/**
 * Cuts the near-silence a synthesizer leaves before and after speech. Script pauses mean "time between
 * speech", and talk-time and overtalk figures are checked against the line timings, so padding must go.
 */
public final class SilenceTrimmer {
    /** About -50 dBFS: far below speech, above the dither-level noise some vocoders leave in "silence". */
    private static final int SILENCE_THRESHOLD = 100;
    /** Kept around speech so soft onsets and word-final fricatives are not clipped. */
    private static final int MARGIN_MS = 20;

    private SilenceTrimmer() {
    }

    public static short[] trim(short[] audio, int sampleRate) {
        int first = 0;
        while (first < audio.length && Math.abs(audio[first]) < SILENCE_THRESHOLD) {
            first++;
        }
        if (first == audio.length) {
            return new short[0];
        }
        int last = audio.length - 1;
        while (Math.abs(audio[last]) < SILENCE_THRESHOLD) {
            last--;
        }
        int margin = sampleRate * MARGIN_MS / 1000;
        return Arrays.copyOfRange(audio, Math.max(0, first - margin), Math.min(audio.length, last + 1 + margin));
    }
}
