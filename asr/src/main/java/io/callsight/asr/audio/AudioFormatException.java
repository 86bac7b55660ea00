package io.callsight.asr.audio;

/** Audio that Callsight cannot read: not a WAV file, truncated, or an encoding it does not support. */
public class AudioFormatException extends Exception {
    public AudioFormatException(String message) {
        super(message);
    }
}
