package io.callsight.tts;

/** A demo call script that cannot be rendered; the message names the file and what is wrong with it. */
public class InvalidScriptException extends RuntimeException {
    public InvalidScriptException(String message) {
        super(message);
    }

    public InvalidScriptException(String message, Throwable cause) {
        super(message, cause);
    }
}
