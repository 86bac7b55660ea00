package io.callsight.tts;

/** The speech engine could not start or could not speak a text. */
public class SpeechSynthesisException extends RuntimeException {
    public SpeechSynthesisException(String message, Throwable cause) {
        super(message, cause);
    }
}
