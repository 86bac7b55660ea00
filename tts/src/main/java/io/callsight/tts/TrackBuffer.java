package io.callsight.tts;

import java.util.Arrays;

/** A growing mono track that speech is placed into at sample offsets; overlapping audio is mixed, not cut. */
final class TrackBuffer {
    private short[] samples = new short[0];
    private int length;

    void mixAt(int offset, short[] audio) {
        ensureLength(offset + audio.length);
        for (int i = 0; i < audio.length; i++) {
            int mixed = samples[offset + i] + audio[i];
            samples[offset + i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, mixed));
        }
    }

    /** Extends the track with silence up to {@code newLength} samples. */
    void ensureLength(int newLength) {
        if (newLength > samples.length) {
            samples = Arrays.copyOf(samples, Math.max(newLength, samples.length * 2));
        }
        length = Math.max(length, newLength);
    }

    int length() {
        return length;
    }

    short[] toArray() {
        return Arrays.copyOf(samples, length);
    }
}
