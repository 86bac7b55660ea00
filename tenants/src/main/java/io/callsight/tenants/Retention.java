package io.callsight.tenants;

/** How long a tenant's data is kept; contracts and regulators set these per client, not per deployment. */
public record Retention(int recordingsDays, int transcriptsDays) {
    public static final int MAX_DAYS = 36_500;

    public Retention {
        check("recordings_days", recordingsDays);
        check("transcripts_days", transcriptsDays);
    }

    private static void check(String what, int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException(what + " must be between 1 and " + MAX_DAYS + ", not " + days);
        }
    }
}
