package io.callsight.stack;

/**
 * A failure the user can act on. The message is a single line meant to be printed as-is by the
 * CLI; details such as log tails go into {@link #details()} so the CLI can decide whether to show
 * them.
 */
public class StackException extends RuntimeException {

    private final String details;

    public StackException(String message) {
        this(message, "", null);
    }

    public StackException(String message, Throwable cause) {
        this(message, "", cause);
    }

    public StackException(String message, String details) {
        this(message, details, null);
    }

    public StackException(String message, String details, Throwable cause) {
        super(message, cause);
        this.details = details == null ? "" : details;
    }

    /** Multi-line supporting information (for example the last lines of a log file); may be empty. */
    public String details() {
        return details;
    }
}
