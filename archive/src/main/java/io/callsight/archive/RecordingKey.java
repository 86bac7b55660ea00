package io.callsight.archive;

import io.callsight.tenants.TenantId;
import java.util.regex.Pattern;

/**
 * Which recording: a tenant's call. Both parts become file names, so both are checked here, once, before any path
 * is built: a call id like {@code ../../etc/passwd} or a tenant id with a slash never reaches the file system.
 */
public record RecordingKey(String tenant, String callId) {
    private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    public RecordingKey {
        TenantId.require(tenant);
        if (callId == null || !CALL_ID.matcher(callId).matches() || callId.contains("..")) {
            throw new IllegalArgumentException("call id " + (callId == null ? "null" : "'" + callId + "'")
                    + " is not a valid call id (letters, digits, . _ : -, at most 128, no '..')");
        }
    }

    @Override
    public String toString() {
        return tenant + "/" + callId;
    }
}
