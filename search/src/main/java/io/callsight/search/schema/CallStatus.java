package io.callsight.search.schema;

/** Values of {@link CallFields#STATUS}. */
public final class CallStatus {
    /** Started, not ended. */
    public static final String IN_PROGRESS = "in_progress";
    /** Ended, some track still being transcribed. */
    public static final String TRANSCRIBING = "transcribing";
    /** Ended, every track transcribed to its end. */
    public static final String COMPLETED = "completed";
    /** Ended, some track stopped early (idle timeout, undecodable audio). */
    public static final String INCOMPLETE = "incomplete";

    private CallStatus() {
    }

    public static boolean finished(String status) {
        return COMPLETED.equals(status) || INCOMPLETE.equals(status);
    }
}
